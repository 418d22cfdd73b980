"""One check for every name field: no invisible, control or direction-changing characters."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.core.exceptions import ValidationError

# Control (Cc: U+0000-U+001F, U+0085 ...), format (Cf: U+202E and the other bidi overrides,
# U+200B zero-width space, U+FEFF ...), private use, surrogates, unassigned, line and
# paragraph separators: none is part of anyone's name, and each can make a name display as
# another or hide from a search.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"})
# Zero-width non-joiner and joiner are spelling in Persian, Dari, Pashto and Indic scripts: a
# name in the person's own alphabet may hold them, a Latin-letter name may not.
_JOINERS = frozenset({"\u200c", "\u200d"})


def _(message: str) -> str:
    """Django's gettext, imported only when there is a message to give: request documents are
    checked offline without Django, and then the message stays in English."""
    from django.conf import settings

    if not settings.configured:
        return message
    from django.utils.translation import gettext

    return gettext(message)


def _refusal(message: str) -> ValidationError:
    from django.core.exceptions import ValidationError

    return ValidationError(message, code="name_characters")


def refused_characters(value: str, *, native_script: bool = False) -> list[str]:
    """The code points (as U+XXXX) a name may not contain, in order, each once."""
    found: dict[str, None] = {}
    for character in value:
        if native_script and character in _JOINERS:
            continue
        if unicodedata.category(character) in _REFUSED_CATEGORIES:
            found[f"U+{ord(character):04X}"] = None
    return list(found)


def name_error_message(value: str, *, native_script: bool = False) -> str | None:
    """A translated sentence saying what is wrong with the name, or None when it is fine."""
    refused = refused_characters(value, native_script=native_script)
    if not refused:
        return None
    return _(
        "A name cannot contain invisible, control or text-direction characters (found: "
        "%(characters)s). Type the name again without copying it from elsewhere."
    ) % {"characters": ", ".join(refused)}


def validate_name(value: str) -> None:
    """Django validator for a name in Latin letters (forms and model fields)."""
    message = name_error_message(value)
    if message:
        raise _refusal(message)


def validate_native_name(value: str) -> None:
    """Django validator for a name in the person's own alphabet (joiners allowed)."""
    message = name_error_message(value, native_script=True)
    if message:
        raise _refusal(message)


def checked_name(value: str) -> str:
    """Pydantic after-validator for a name in Latin letters."""
    message = name_error_message(value)
    if message:
        raise ValueError(message)
    return value


def checked_native_name(value: str) -> str:
    """Pydantic after-validator for a name in the person's own alphabet."""
    message = name_error_message(value, native_script=True)
    if message:
        raise ValueError(message)
    return value
