"""Alphabetical order per language, Kreyòl country names and the Afghan Solar Hijri calendar."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from lifeline.adjudication.models import EvidenceRequest
from lifeline.core.local_formats import (
    SolarHijriDate,
    date_field_order,
    format_date_local,
    format_solar_hijri,
    nowruz_on,
    to_solar_hijri,
)
from lifeline.intake.tests.factories import make_request
from lifeline.portal.forms import COUNTRIES
from lifeline.portal.localise import HAITIAN_COUNTRIES, country_choices, sort_key
from lifeline.portal.tests.flows import make_account, signed_in


@pytest.mark.parametrize(
    ("language", "ordered"),
    [
        ("uk", ["Габон", "Ґана", "Ємен", "Ізраїль", "Італія", "Їжак", "Йорданія", "Японія"]),
        ("uk", ["Еквадор", "Індія", "Канада", "Кот-дʼІвуар"]),
        ("ru", ["Египет", "ёж", "Ель", "Эквадор", "Ямайка"]),
        ("fa-af", ["آلمان", "ایران", "بلژیک", "پاکستان", "ترکیه", "چین", "روسیه", "ژاپن"]),
        ("fa-af", ["کانادا", "كويت", "گرجستان", "لبنان", "هند", "یمن", "يونان"]),
        ("ps", ["تور", "ټاکل", "ثمر", "دره", "ډبره", "ذره", "رنګ", "ړوند", "زوی", "ژبه", "ږیره"]),
        ("ps", ["شین", "ښار", "صبر", "کابل", "ګرځنده", "لوګر", "نن", "ڼ", "وږی"]),
        ("ps", ["هند", "ي", "ېږ", "یو", "ۍ"]),
        ("ar", ["إسبانيا", "أفغانستان", "الأرجنتين", "باكستان", "مصر", "هايتي", "يمن"]),
        ("es", ["Noruega", "nube", "ñu", "oso", "Países Bajos", "Panamá", "Perú"]),
        ("fr", ["Égypte", "Équateur", "Espagne", "Estonie", "États-Unis", "Éthiopie"]),
        ("ht", ["Ayiti", "Èlsalvadò", "Etazini", "Ikrèn", "Iran"]),
    ],
)
def test_words_sort_in_the_languages_alphabetical_order(language: str, ordered: list[str]) -> None:
    assert sorted(reversed(ordered), key=sort_key(language)) == ordered
    assert sorted(ordered[::2] + ordered[1::2], key=sort_key(language)) == ordered


@pytest.mark.parametrize(
    ("language", "first", "last"),
    [
        ("uk", "Аргентина", "Ямайка"),
        ("ru", "Аргентина", "Ямайка"),
        ("fa-af", "آلمان", "هند"),
        ("ps", "ارجنټاين", "هند"),
        ("fr", "Afghanistan", "Venezuela"),
        ("ht", "Afganistan", "Woumani"),
    ],
)
def test_country_lists_run_from_the_first_letter_of_the_alphabet_to_the_last(
    language: str, first: str, last: str
) -> None:
    names = [name for _code, name in country_choices(COUNTRIES, language)]
    assert (names[0], names[-1]) == (first, last)
    assert names == sorted(names, key=sort_key(language))


def test_ukrainian_lists_put_i_words_after_e_not_after_ya() -> None:
    names = [name for _code, name in country_choices(["IT", "JM", "EC", "KE"], "uk")]
    assert names == ["Еквадор", "Італія", "Кенія", "Ямайка"]


def test_haitian_creole_lists_show_kreyol_names_and_french_only_for_the_rest() -> None:
    assert country_choices(["US", "HT", "UA", "DE", "DO", "KE"], "ht") == [
        ("DE", "Almay"),
        ("HT", "Ayiti"),
        ("US", "Etazini"),
        ("UA", "Ikrèn"),
        ("KE", "Kenya"),  # not in the table: French
        ("DO", "Repiblik Dominikèn"),
    ]
    assert set(COUNTRIES) <= set(HAITIAN_COUNTRIES)


@pytest.mark.parametrize(
    ("gregorian", "solar_hijri"),
    [
        (dt.date(2021, 8, 15), SolarHijriDate(1400, 5, 24)),  # 24 Asad 1400
        (dt.date(2021, 8, 19), SolarHijriDate(1400, 5, 28)),  # independence day, 28 Asad
        (dt.date(2024, 3, 20), SolarHijriDate(1403, 1, 1)),  # Nowruz
        (dt.date(2024, 3, 19), SolarHijriDate(1402, 12, 29)),
        (dt.date(2021, 3, 20), SolarHijriDate(1399, 12, 30)),  # 1399 is a leap year
        (dt.date(2025, 3, 21), SolarHijriDate(1404, 1, 1)),
        (dt.date(2000, 1, 1), SolarHijriDate(1378, 10, 11)),
        (dt.date(2001, 9, 11), SolarHijriDate(1380, 6, 20)),
        (dt.date(1979, 2, 11), SolarHijriDate(1357, 11, 22)),
        (dt.date(2026, 12, 2), SolarHijriDate(1405, 9, 11)),
    ],
)
def test_gregorian_days_convert_to_the_solar_hijri_calendar(
    gregorian: dt.date, solar_hijri: SolarHijriDate
) -> None:
    assert to_solar_hijri(gregorian) == solar_hijri


def test_every_day_from_1925_to_2125_follows_the_previous_one_in_solar_hijri() -> None:
    day, previous = dt.date(1925, 3, 21), SolarHijriDate(1304, 1, 1)
    assert to_solar_hijri(day) == previous
    while day < dt.date(2125, 1, 1):
        day += dt.timedelta(days=1)
        current = to_solar_hijri(day)
        if current.day > 1:
            assert current == SolarHijriDate(previous.year, previous.month, previous.day + 1)
        elif current.month > 1:
            assert (current.year, current.month - 1) == (previous.year, previous.month)
            assert previous.day == (31 if previous.month <= 6 else 30)
        else:
            assert (current.year - 1, previous.month, previous.day in {29, 30}) == (
                previous.year,
                12,
                True,
            )
        previous = current


def test_a_year_outside_the_calendars_range_is_refused() -> None:
    with pytest.raises(ValueError, match="outside"):
        nowruz_on(3200)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fa-af", "15 اگست 2021 (24 اسد 1400)"),
        ("ps", "15 اګست 2021 (24 زمری 1400)"),
        ("en", "August 15, 2021"),
        ("ar", "15 أغسطس 2021"),
    ],
)
def test_dari_and_pashto_dates_carry_the_solar_hijri_date_beside_the_gregorian(
    language: str, expected: str
) -> None:
    assert format_date_local(dt.date(2021, 8, 15), language) == expected


@pytest.mark.parametrize(
    ("language", "months"),
    [
        ("fa-af", ["حمل", "ثور", "جوزا", "سرطان", "اسد", "سنبله", "میزان", "عقرب", "قوس"]),
        ("ps", ["وری", "غویی", "غبرګولی", "چنګاښ", "زمری", "وږی", "تله", "لړم", "لیندۍ"]),
    ],
)
def test_solar_hijri_months_have_their_afghan_names(language: str, months: list[str]) -> None:
    firsts = [nowruz_on(1400) + dt.timedelta(days=31 * i) for i in range(6)]
    firsts += [nowruz_on(1400) + dt.timedelta(days=186 + 30 * i) for i in range(3)]
    assert [format_solar_hijri(day, language).split()[1] for day in firsts] == months


@pytest.mark.django_db
@time_machine.travel("2026-11-02 12:00Z", tick=False)
def test_an_evidence_deadline_shows_the_solar_hijri_date_on_dari_and_pashto_pages() -> None:
    owner = make_account("beneficiary")
    request = make_request(status="in_review", filed_by=owner)
    EvidenceRequest.objects.create(
        request=request,
        officer=make_account("officer"),
        items=[{"id": "physician_statement", "label": "A physician's statement"}],
        due_on=dt.date(2026, 12, 2),
    )
    client: Client = signed_in(owner)
    dari = client.get(f"/fa-af/requests/{request.reference}/").content.decode()
    pashto = client.get(f"/ps/requests/{request.reference}/").content.decode()
    english = client.get(f"/requests/{request.reference}/").content.decode()
    assert "2 دسمبر 2026 (11 قوس 1405)" in dari
    assert "(11 لیندۍ 1405)" in pashto
    assert "1405" not in english


@pytest.mark.parametrize(
    ("language", "order"),
    [
        ("en", ("month", "day", "year")),
        ("uk", ("day", "month", "year")),
        ("ar", ("day", "month", "year")),
        ("ht", ("day", "month", "year")),
        ("fa-af", ("year", "month", "day")),
        ("ps", ("year", "month", "day")),
    ],
)
def test_date_boxes_follow_the_order_the_language_writes_a_date_in_figures(
    language: str, order: tuple[str, ...]
) -> None:
    assert date_field_order(language) == order
