"""The pathway pages: a parolee's options (their own only, in English and in a right-to-left
language), a representative's clients by next deadline, and the program office's cohort."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import RepresentationConsent, User
from lifeline.intake.tests.factories import make_user
from lifeline.parole.models import ParoleTerm
from lifeline.parole.tests.builders import make_term
from lifeline.pathways import selectors
from lifeline.pathways.words import MISSING_FACTS
from lifeline.triage.selectors import get_program_title

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2025, 9, 1, 12, tzinfo=dt.UTC)
U4U = "u4u-2022-04-25"


def u4u_term(**fields: object) -> ParoleTerm:
    values: dict[str, object] = {
        "arrived_on": dt.date(2024, 1, 10),
        "original_ends_on": dt.date(2026, 1, 9),
        "ends_on": dt.date(2026, 1, 9),
        "class_of_admission": "UHP",
    }
    return make_term(U4U, **(values | fields))


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@time_machine.travel(TODAY, tick=False)
def test_a_parolee_sees_every_option_with_status_date_and_what_to_do_next() -> None:
    term = u4u_term()
    client = signed_in(term.request.filed_by)

    response = client.get(f"/pathways/{term.request.reference}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Legal information, not legal advice." in page
    assert "Your parole ends on" in page
    assert "Ask to extend your parole (re-parole)" in page
    assert "What to do next" in page
    assert 'href="/representatives/"' in page  # reach an accredited representative
    assert "8 CFR" in page  # the cited sources print with the summary
    assert page.count('class="pathway-option"') == 7


@time_machine.travel(TODAY, tick=False)
def test_another_persons_options_page_answers_not_found() -> None:
    term = u4u_term()
    stranger = make_user(UserRole.BENEFICIARY)

    response = signed_in(stranger).get(f"/pathways/{term.request.reference}/")

    assert response.status_code == 404


@time_machine.travel(TODAY, tick=False)
def test_the_options_page_renders_right_to_left_in_arabic() -> None:
    term = u4u_term()

    response = signed_in(term.request.filed_by).get(f"/ar/pathways/{term.request.reference}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert 'lang="ar" dir="rtl"' in page
    assert "Your options after parole" not in page  # translated


@pytest.mark.parametrize("language", ["uk", "es", "ht", "ar"])
@time_machine.travel(TODAY, tick=False)
def test_missing_facts_and_the_closing_line_are_in_the_page_language(language: str) -> None:
    term = u4u_term()

    response = signed_in(term.request.filed_by).get(
        f"/{language}/pathways/{term.request.reference}/"
    )

    page = response.content.decode()
    with translation.override(language):
        fear = str(MISSING_FACTS["facts.fear_of_return"])
        not_advice = translation.gettext("Legal information, not legal advice.")
    assert fear != "Whether you fear harm if you return to your country"  # translated
    assert fear in page and "facts.fear_of_return" not in page
    assert page.count(not_advice) == 2  # the notice at the top and the closing line
    assert "Dates are computed from what you told us" not in page


@time_machine.travel(TODAY, tick=False)
def test_a_request_without_parole_yet_says_so() -> None:
    term = u4u_term()
    ParoleTerm.objects.filter(pk=term.pk).delete()

    response = signed_in(term.request.filed_by).get(f"/pathways/{term.request.reference}/")

    assert "We have no parole dates on file for this request yet." in response.content.decode()


@time_machine.travel(TODAY, tick=False)
def test_a_representative_sees_clients_soonest_deadline_first_and_no_one_else() -> None:
    representative = make_user(UserRole.REPRESENTATIVE)
    later = u4u_term()
    sooner = make_term(
        U4U,
        arrived_on=dt.date(2024, 1, 10),
        original_ends_on=dt.date(2025, 10, 15),
        ends_on=dt.date(2025, 10, 15),
        class_of_admission="UHP",
    )
    unconsented = u4u_term()
    for term in (later, sooner, unconsented):
        term.request.representative = representative
        term.request.save(update_fields=["representative"])
    for term in (later, sooner):
        RepresentationConsent.objects.create(
            representative=representative,
            client=term.request.filed_by,
            granted_at=timezone.now(),
        )

    page = signed_in(representative).get("/pathways/clients/").content.decode()

    assert page.index(sooner.request.reference) < page.index(later.request.reference)
    assert unconsented.request.reference not in page


def test_a_beneficiary_has_no_client_list() -> None:
    response = signed_in(make_user(UserRole.BENEFICIARY)).get("/pathways/clients/")

    assert response.status_code == 404


def cohort_terms() -> None:
    ending = {"arrived_on": dt.date(2024, 1, 10), "class_of_admission": "UHP"}
    u4u_term(ends_on=dt.date(2025, 10, 1), original_ends_on=dt.date(2025, 10, 1))
    u4u_term(
        ends_on=dt.date(2025, 10, 2),
        original_ends_on=dt.date(2025, 10, 2),
        pending_filings=[{"kind": "asylum", "filed_on": "2025-02-01", "decided_on": None}],
    )
    u4u_term(
        ends_on=dt.date(2025, 10, 3),
        original_ends_on=dt.date(2025, 10, 3),
        pending_filings=[{"kind": "tps", "filed_on": "2025-02-01", "decided_on": "2025-05-01"}],
    )
    u4u_term(ends_on=dt.date(2025, 12, 31), original_ends_on=dt.date(2025, 12, 31))  # later
    make_term(U4U, ends_on=dt.date(2025, 8, 31), original_ends_on=dt.date(2025, 8, 31), **ending)


@pytest.mark.parametrize("role", [UserRole.SUPERVISOR, UserRole.PROGRAM_ADMINISTRATOR])
def test_the_cohort_separates_pending_none_pending_and_not_known(role: str) -> None:
    cohort_terms()
    client = signed_in(make_user(role))

    response = client.get("/pathways/office/parole-ending/?as_of=2025-09-01&within=60")

    page = response.content.decode()
    assert response.status_code == 200
    chart = json.loads(page.split('id="cohort-data" type="application/json">')[1].split("<")[0])
    assert chart["labels"] == [f"{get_program_title('u4u')}, Ukraine"]  # names, not codes
    assert {s["state"]: s["counts"] for s in chart["series"]} == {
        "pending": [1],
        "none_pending": [1],
        "not_known": [1],
    }
    assert 'id="cohort-table"' in page
    assert "<td>Ukraine</td>" in page and "<td>UA</td>" not in page
    assert f'<option value="u4u">{get_program_title("u4u")}</option>' in page


def test_the_cohort_exports_the_same_figures_as_csv() -> None:
    cohort_terms()
    client = signed_in(make_user(UserRole.SUPERVISOR))

    response = client.get("/pathways/office/parole-ending.csv?as_of=2025-09-01&within=60")

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows == [
        {
            "as_of": "2025-09-01",
            "ends_by": "2025-10-31",
            "program": "u4u",
            "nationality": "UA",
            "pending": "1",
            "none_pending": "1",
            "not_known": "1",
            "total": "3",
        }
    ]


@pytest.mark.parametrize("query", ["as_of=2025-13-01", "within=0", "within=many", "within=100000"])
def test_bad_cohort_input_is_a_clear_400(query: str) -> None:
    client = signed_in(make_user(UserRole.SUPERVISOR))

    assert client.get(f"/pathways/office/parole-ending/?{query}").status_code == 400
    assert client.get(f"/pathways/office/parole-ending.csv?{query}").status_code == 400


@pytest.mark.parametrize("role", [UserRole.BENEFICIARY, UserRole.OFFICER, UserRole.REPRESENTATIVE])
def test_the_cohort_is_not_found_for_other_roles(role: str) -> None:
    response = signed_in(make_user(role)).get("/pathways/office/parole-ending/")

    assert response.status_code == 404


def test_the_cohort_as_of_an_earlier_date_counts_terms_ended_since_and_filings_then() -> None:
    ended = u4u_term(
        status="ended",
        ends_on=dt.date(2025, 3, 1),
        original_ends_on=dt.date(2025, 3, 1),
        pending_filings=[{"kind": "asylum", "filed_on": "2025-02-01", "decided_on": "2025-06-01"}],
    )
    u4u_term(
        ends_on=dt.date(2025, 3, 2),
        original_ends_on=dt.date(2025, 3, 2),
        departed_on=dt.date(2025, 1, 5),
    )
    client = signed_in(make_user(UserRole.SUPERVISOR))

    before_filing = client.get("/pathways/office/parole-ending.csv?as_of=2025-01-15&within=60")
    after_filing = client.get("/pathways/office/parole-ending.csv?as_of=2025-02-15&within=60")

    assert ended.status == "ended"
    assert [
        (r["pending"], r["not_known"])
        for r in csv.DictReader(io.StringIO(before_filing.content.decode()))
    ] == [("0", "1")]
    assert [
        (r["pending"], r["not_known"])
        for r in csv.DictReader(io.StringIO(after_filing.content.decode()))
    ] == [("1", "0")]


def test_an_approved_request_page_leads_to_the_options_page() -> None:
    term = u4u_term()

    page = signed_in(term.request.filed_by).get(f"/requests/{term.request.reference}/")

    assert f'href="/pathways/{term.request.reference}/"' in page.content.decode()


def test_the_cohort_sits_in_the_analytics_navigation() -> None:
    page = signed_in(make_user(UserRole.SUPERVISOR)).get("/analytics/reasons/").content.decode()

    assert 'href="/pathways/office/parole-ending/"' in page


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize("consented", [True, False])
def test_a_representative_sees_a_clients_options_only_with_consent(consented: bool) -> None:
    representative = make_user(UserRole.REPRESENTATIVE)
    term = u4u_term()
    term.request.representative = representative
    term.request.save(update_fields=["representative"])
    if consented:
        RepresentationConsent.objects.create(
            representative=representative, client=term.request.filed_by, granted_at=timezone.now()
        )

    response = signed_in(representative).get(f"/pathways/{term.request.reference}/")

    assert response.status_code == (200 if consented else 404)


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(("prefix", "direction"), [("", "ltr"), ("/ar", "rtl")])
def test_the_client_list_renders_in_english_and_arabic(prefix: str, direction: str) -> None:
    representative = make_user(UserRole.REPRESENTATIVE)
    term = u4u_term()
    term.request.representative = representative
    term.request.save(update_fields=["representative"])
    RepresentationConsent.objects.create(
        representative=representative, client=term.request.filed_by, granted_at=timezone.now()
    )

    response = signed_in(representative).get(f"{prefix}/pathways/clients/")

    page = response.content.decode()
    assert response.status_code == 200 and f'dir="{direction}"' in page
    assert term.request.reference in page
    assert ("Next date to act by" in page) == (direction == "ltr")


@pytest.mark.parametrize(("as_of", "counted"), [("2025-03-24", 0), ("2025-03-25", 1)])
def test_the_cohort_counts_a_term_by_the_end_date_known_on_the_date(as_of: str, counted: int):
    """90 FR 13611 (25 Mar 2025): CHNV parole "not already expired by April 24, 2025 will
    terminate on that date". Before the notice the term still ran to its I-94 date, so it was
    not ending within 60 days; from the notice it was."""
    make_term(
        "chnv_cuba-2023-01-06",
        arrived_on=dt.date(2024, 1, 10),
        class_of_admission="DT",
        original_ends_on=dt.date(2026, 1, 9),
        ends_on=dt.date(2025, 4, 24),
    )
    client = signed_in(make_user(UserRole.SUPERVISOR))

    response = client.get(f"/pathways/office/parole-ending.csv?as_of={as_of}&within=60")

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert sum(int(row["total"]) for row in rows) == counted


def _client_of(representative: User) -> None:
    term = u4u_term()
    term.request.representative = representative
    term.request.save(update_fields=["representative"])
    RepresentationConsent.objects.create(
        representative=representative, client=term.request.filed_by, granted_at=timezone.now()
    )


@time_machine.travel(TODAY, tick=False)
def test_the_clients_list_reads_each_parole_term_in_the_same_query() -> None:
    representative = make_user(UserRole.REPRESENTATIVE)
    _client_of(representative)
    with CaptureQueriesContext(connection) as one:
        assert len(selectors.list_client_deadlines(representative, as_of=TODAY.date())) == 1
    for _ in range(2):
        _client_of(representative)

    with CaptureQueriesContext(connection) as three:
        assert len(selectors.list_client_deadlines(representative, as_of=TODAY.date())) == 3

    assert len(three.captured_queries) == len(one.captured_queries)
