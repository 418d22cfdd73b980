"""Every portal and notice string is translated into each of the eight other languages."""

from __future__ import annotations

import ast
import gettext
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import allauth
import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils.translation.template import templatize

ROOT = Path(settings.BASE_DIR)
TEMPLATE_FOLDERS = [
    ROOT / "templates",
    ROOT / "lifeline/portal/templates",
    ROOT / "lifeline/accounts/templates",
    ROOT / "lifeline/pathways/templates/pathways",
    ROOT / "lifeline/notices/templates",
]
# The same sources as scripts/messages extracts: what one reads, the other checks.
PYTHON_FOLDERS = [ROOT / "lifeline/portal", ROOT / "lifeline/accounts", ROOT / "lifeline/core"]
PYTHON_FILES = [
    ROOT / "lifeline/notices/texts.py",
    ROOT / "lifeline/notices/forms.py",
    ROOT / "lifeline/pathways/words.py",
]
GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "gettext_noop", "pgettext", "pgettext_lazy"}
PLURAL_NAMES = {"ngettext", "ngettext_lazy", "npgettext", "npgettext_lazy"}
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]
ALLAUTH_LOCALE = Path(allauth.__file__).parent / "locale"
# allauth's catalogs are Iranian Persian (addressing the reader as "you" informally) and have
# no Pashto: ours must carry allauth's strings there. Elsewhere allauth's own catalog may.
OURS_FOR_ALLAUTH = {"fa-af", "ps"}
_CALL = re.compile(r"\b(?:n?p?gettext)\((?:[^()'\"]|'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\")*\)")
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")


@dataclass(frozen=True)
class InContext:
    """A msgid marked with pgettext: found in the catalog under its context."""

    context: str
    msgid: str

    def __str__(self) -> str:
        return self.msgid


Message = str | tuple[str, str] | InContext


def _msgid(node: ast.Call) -> Message | None:
    name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
    args = [arg.value for arg in node.args if isinstance(arg, ast.Constant)]
    if name in GETTEXT_NAMES and args and isinstance(args[-1 if "pgettext" in name else 0], str):
        if "pgettext" in name:
            return InContext(str(args[0]), str(args[1]))
        return str(args[0])
    if name in PLURAL_NAMES and len(args) >= 2:
        return (str(args[0]), str(args[1]))
    return None


def _from_code(code: str) -> set[Message]:
    found: set[Message] = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Call) and (msgid := _msgid(node)) is not None:
            found.add(msgid)
    return found


@cache
def source_messages() -> frozenset[Message]:
    """Every msgid the portal's templates and Python code mark for translation."""
    found: set[Message] = set()
    for folder in TEMPLATE_FOLDERS:
        for path in [*folder.rglob("*.html"), *folder.rglob("*.txt")]:
            for call in _CALL.findall(templatize(path.read_text(encoding="utf-8"))):
                found |= _from_code(call)
    for folder in PYTHON_FOLDERS:
        for path in folder.rglob("*.py"):
            if "tests" not in path.parts and "migrations" not in path.parts:
                found |= _from_code(path.read_text(encoding="utf-8"))
    for path in PYTHON_FILES:
        found |= _from_code(path.read_text(encoding="utf-8"))
    return frozenset(found)


def _catalog(language: str) -> Catalog:
    folder = language.replace("-", "_").replace("_af", "_AF")
    with (ROOT / "locale" / folder / "LC_MESSAGES" / "django.po").open("rb") as po:
        return read_po(po)


@cache
def _allauth_catalog(language: str) -> Catalog | None:
    po = ALLAUTH_LOCALE / language.replace("-", "_") / "LC_MESSAGES" / "django.po"
    if language in OURS_FOR_ALLAUTH or not po.exists():
        return None
    with po.open("rb") as file:
        return read_po(file)


@cache
def allauth_messages() -> frozenset[str]:
    """The msgids of allauth's that the portal lists (ALLAUTH_MESSAGES in accounts/messages)."""
    module = ast.parse((ROOT / "lifeline/accounts/messages.py").read_text(encoding="utf-8"))
    listed = next(
        node.value
        for node in module.body
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "ALLAUTH_MESSAGES"
    )
    found = _from_code(ast.unparse(listed))
    return frozenset(m[0] if isinstance(m, tuple) else str(m) for m in found)


def _strings(entry: Any) -> list[str]:
    """An entry's translations: one, or one per plural form."""
    return list(entry.string) if isinstance(entry.string, tuple) else [entry.string]


def _placeholders(text: str) -> set[str]:
    return {a or b for a, b in _PLACEHOLDER.findall(text)}


def test_the_portal_has_strings_to_translate() -> None:
    messages = source_messages()
    assert len(messages) > 200
    assert "Skip to main content" in messages and "Sign in" in messages
    assert InContext("notice", "Request for evidence") in messages


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_portal_string_is_translated(language: str) -> None:
    catalog, theirs = _catalog(language), _allauth_catalog(language)
    missing, fuzzy, broken = [], [], []
    for msgid in sorted(source_messages(), key=str):
        key = msgid[0] if isinstance(msgid, tuple) else str(msgid)
        ours = catalog.get(key)
        ours_empty = ours is None or not any(_strings(ours))  # falls through to allauth's catalog
        if theirs is not None and key in allauth_messages() and ours_empty:
            catalog_entry = theirs.get(key)
            assert catalog_entry is not None and catalog_entry.string, f"{language}: {key}"
            continue
        entry = (
            catalog.get(msgid.msgid, context=msgid.context)
            if isinstance(msgid, InContext)
            else catalog.get(msgid[0] if isinstance(msgid, tuple) else msgid)
        )
        strings = [] if entry is None else _strings(entry)
        if entry is None or not strings or not all(strings):
            missing.append(msgid)
        elif entry.fuzzy:
            fuzzy.append(msgid)
        elif any(_placeholders(s) != _placeholders(str(msgid)) for s in strings):
            broken.append(msgid)
    assert not missing, f"{language}: {len(missing)} untranslated, e.g. {missing[:5]}"
    assert not fuzzy, f"{language}: fuzzy translations {fuzzy[:5]}"
    assert not broken, f"{language}: placeholders differ in {broken[:5]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalog_matches_its_source(language: str) -> None:
    folder = ROOT / "locale" / language.replace("-af", "_AF") / "LC_MESSAGES"
    with (folder / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    catalog = _catalog(language)
    for message in catalog:
        if message.id and isinstance(message.id, str) and message.string and not message.fuzzy:
            if message.context:
                assert compiled.pgettext(message.context, message.id) == message.string
            else:
                assert compiled.gettext(message.id) == message.string, message.id
