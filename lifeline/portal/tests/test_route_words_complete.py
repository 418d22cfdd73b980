"""Every route's label and explanation is in the catalogs: a sentence policies/routes.yaml adds
must be listed in `route_words` (and translated) or the applicant reads it in English."""

from __future__ import annotations

from django.utils import translation

from lifeline.portal.route_words import TRANSLATED_ROUTE_WORDS, route_html, route_text
from lifeline.programs.routes import routes


def _sentences() -> set[str]:
    return {
        sentence.strip()
        for route in routes().values()
        for sentence in (route.label, route.explanation)
    }


def test_every_routes_label_and_explanation_is_listed_for_the_catalogs() -> None:
    assert _sentences() - TRANSLATED_ROUTE_WORDS == set()


def test_nothing_is_listed_that_no_route_says() -> None:
    assert TRANSLATED_ROUTE_WORDS - _sentences() == set()


def test_the_ice_route_reads_in_ukrainian_and_dari_on_their_pages() -> None:
    ice = routes()["ice"]
    with translation.override("uk"):
        assert route_text(ice.label).startswith("Імміграційна та митна служба США")
    with translation.override("fa-af"):
        assert "آزادی مشروط" in route_text(ice.explanation.strip())


def test_a_sentence_not_listed_stays_english_and_is_marked_so() -> None:
    with translation.override("uk"):
        assert route_html("A route no catalog has") == (
            '<span lang="en" dir="ltr">A route no catalog has</span>'
        )
    with translation.override("en"):
        assert route_html("A route no catalog has") == "A route no catalog has"
