"""Routes in the reader's language: the label and plain explanation of every code of
policies/routes.yaml, translated in the catalogs; a sentence the vocabulary adds or rewords stays
English, marked as such, until translated. The citation's quoted sentence stays as the law words
it. The command line and the API keep the code and the vocabulary's English (ADR 0270)."""
# ruff: noqa: E501 - the sentences are the vocabulary's own, kept whole for the catalogs.

from __future__ import annotations

from django.utils.safestring import SafeString
from django.utils.translation import gettext_noop

from lifeline.portal.evidence_words import policy_html, policy_text

# The labels and explanations policies/routes.yaml gives, kept here so that extraction finds
# them (a test checks that every route's label and explanation is here).
TRANSLATED_ROUTE_WORDS = frozenset(
    [
        gettext_noop("U.S. Immigration and Customs Enforcement"),
        gettext_noop(
            "A person in removal proceedings, or removed from the United States before, asks ICE for parole, not USCIS."
        ),
        gettext_noop("Re-parole"),
        gettext_noop(
            "A parolee already in the United States asks for a new period of parole (re-parole) instead of a first request."
        ),
        gettext_noop("A new period of parole from inside the United States"),
        gettext_noop(
            "Parole is granted case by case and only for a time; a parolee whose period is ending asks for a new one rather than filing as someone abroad."
        ),
        gettext_noop("An immigrant visa at a U.S. consulate"),
        gettext_noop(
            "A beneficiary who already holds, or can be issued, an immigrant visa travels on it instead of on parole."
        ),
        gettext_noop("Temporary Protected Status"),
        gettext_noop(
            "A national of a country designated for Temporary Protected Status who is in the United States may ask for that status."
        ),
        gettext_noop("Asylum"),
        gettext_noop(
            "A person in the United States who fears persecution at home may apply for asylum, whatever their status."
        ),
        gettext_noop("The U.S. Refugee Admissions Program"),
        gettext_noop(
            "A refugee abroad who is not firmly resettled may be admitted as a refugee instead of being paroled."
        ),
        gettext_noop("Permanent residence under the Cuban Adjustment Act"),
        gettext_noop(
            "A native or citizen of Cuba who was admitted or paroled and has been in the United States for at least a year may ask to become a permanent resident; a spouse or child living with them may too."
        ),
        gettext_noop("Permanent residence as an Afghan special immigrant"),
        gettext_noop(
            "An Afghan who worked for or with the U.S. government, was paroled into the United States and has special immigrant approval may ask to become a permanent resident."
        ),
        gettext_noop("Permanent residence through a family petition"),
        gettext_noop(
            "A parolee whose U.S. citizen or permanent resident relative filed an approved petition for them may ask to become a permanent resident once a visa number is available."
        ),
        gettext_noop("A work permit"),
        gettext_noop(
            "A parolee may ask for permission to work; for a parolee it lasts one year at most, or less if parole ends sooner."
        ),
    ]
)


def route_text(sentence: str) -> str:
    """A route's label or explanation in the reader's language, else as the vocabulary words it."""
    return policy_text(sentence, TRANSLATED_ROUTE_WORDS)


def route_html(sentence: str) -> SafeString:
    """The same for a page, an English sentence marked lang="en"."""
    return policy_html(sentence, TRANSLATED_ROUTE_WORDS)
