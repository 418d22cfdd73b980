"""One word per key term and language: parole never reads as a password or a prison release."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from babel.messages.catalog import Catalog

from lifeline.portal.tests.test_translations import _catalog


@dataclass(frozen=True)
class Terms:
    parole: str  # a pattern every translation of a "parole" string matches
    forbidden: str  # a pattern no translation of a "parole" string may match
    password: str | None = None  # the sign-in password's field label
    officer: str | None = None
    staff: str | None = None
    uniting_for_ukraine: str | None = None


GLOSSARY = {
    "es": Terms(
        parole=r"(?i)permiso",
        forbidden=r"(?i)libertad condicional",
        password="Contraseña",
        officer="funcionari",
        staff="personal",
    ),
    "ht": Terms(parole=r"(?i)libète sou kondisyon", forbidden=r"(?i)pawòl|\bparol\b"),
    "fr": Terms(parole=r"(?i)adm\w+ sous conditions", forbidden=r"(?i)libération conditionnelle"),
    "ar": Terms(
        parole=r"دخول\w* (?:ال)?مشروط", forbidden=r"إفراج", officer="ضابط|ضباط", staff="موظف"
    ),
    "uk": Terms(
        parole=r"(?i)гуманітарн\w+ парол",
        forbidden=r"(?i)(?<!гуманітарний )(?<!гуманітарного )(?<!гуманітарним )парол",
        password="Пароль для входу",
        uniting_for_ukraine="Єднання заради України",
    ),
    "ru": Terms(
        parole=r"(?i)гуманитарн\w+ парол",
        forbidden=r"(?i)(?<!гуманитарный )(?<!гуманитарного )(?<!гуманитарным )"
        r"(?<!гуманитарном )парол",
        password="Пароль для входа",
        officer="нспектор",
        staff="отрудник",
    ),
    # USCIS's Dari and Pashto pages for Afghans: "آزادی مشروط (Parole)", "مشروطه اجازه (Parole)"
    "fa-af": Terms(
        parole="آزادی مشروط",
        forbidden="پارول|پرول|پیرول",
        password="رمز",
        officer="مأمور",
        staff="کارمند",
    ),
    "ps": Terms(
        parole="مشروط[هې] اجاز[هې]",
        forbidden="پارول|پرول|پیرول",
        password="پټنوم",
        officer="چارواک",
        staff="کارکوونک",
    ),
}


def _translations(catalog: Catalog, word: str) -> list[tuple[str, str]]:
    found = []
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.id and any(re.search(word, str(i)) for i in ids):
            found += [(str(ids[0]), str(s)) for s in strings]
    return found


@pytest.mark.parametrize("language", sorted(GLOSSARY))
def test_every_parole_string_uses_the_glossary_term(language: str) -> None:
    terms, catalog = GLOSSARY[language], _catalog(language)
    strings = _translations(catalog, r"(?i)(?<![{(_])parole(?!_)")  # the word, not a placeholder
    assert len(strings) >= 30  # 21 in the portal, 9 in the notices
    wrong = [msgid for msgid, text in strings if not re.search(terms.parole, text)]
    forbidden = [msgid for msgid, text in strings if re.search(terms.forbidden, text)]
    assert not wrong, f"{language}: parole without {terms.parole!r}: {wrong[:3]}"
    assert not forbidden, f"{language}: {terms.forbidden!r} in {forbidden[:3]}"


@pytest.mark.parametrize("language", sorted(g for g, t in GLOSSARY.items() if t.password))
def test_the_password_is_never_called_parole(language: str) -> None:
    terms, catalog = GLOSSARY[language], _catalog(language)
    entry = catalog.get("Password")
    assert entry is not None and entry.string == terms.password
    parole = GLOSSARY[language].parole
    assert not [m for m, t in _translations(catalog, r"(?i)password") if re.search(parole, t)]


@pytest.mark.parametrize("language", sorted(g for g, t in GLOSSARY.items() if t.officer))
def test_an_officer_is_not_called_staff(language: str) -> None:
    terms, catalog = GLOSSARY[language], _catalog(language)
    assert terms.officer and terms.staff
    for msgid, text in _translations(catalog, r"(?i)\bofficer\b"):
        assert re.search(terms.officer, text), msgid
        if "staff" not in msgid.lower():
            assert not re.search(terms.staff, text), msgid
    for msgid, text in _translations(catalog, r"(?i)\bstaff\b"):
        assert re.search(terms.staff, text), msgid


def test_uniting_for_ukraine_carries_its_ukrainian_name() -> None:
    entry = _catalog("uk").get("Uniting for Ukraine")
    assert entry is not None and entry.string == "Єднання заради України"
