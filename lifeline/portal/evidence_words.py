"""Evidence names in the reader's language: the programs' English labels, translated where the
catalogs have them (the case-by-case process first); others stay English, marked as such."""
# ruff: noqa: E501 - the labels are the policy files' own sentences, kept whole for the catalogs.

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext, gettext_noop

# The labels the policy files give, kept here so that extraction finds them.
TRANSLATED_LABELS = frozenset(
    [
        gettext_noop(
            "A government identity document for the beneficiary showing citizenship or the country where they normally live"
        ),
        gettext_noop(
            "The biographical page of the beneficiary's passport, or a statement why there is none"
        ),
        gettext_noop("An identity document for the petitioner (the person filing)"),
        gettext_noop(
            "Form I-134 (declaration of financial support) from each supporter, with evidence of income"
        ),
        gettext_noop(
            "A statement of the urgent reason, with evidence, and how long the beneficiary needs to stay"
        ),
        gettext_noop(
            "A statement why a visa or refugee processing is not available, and why a waiver of inadmissibility cannot be obtained"
        ),
        gettext_noop("The Form I-94 record showing the current parole and its end date"),
        gettext_noop(
            "A physician's statement of the diagnosis, prognosis and expected length of treatment"
        ),
        gettext_noop(
            "Evidence that the treatment is not available at home or in a neighbouring country"
        ),
        gettext_noop(
            "The estimated cost of treatment and how it will be paid, including return travel"
        ),
        gettext_noop("Consent from a parent or legal guardian for a beneficiary under 18"),
        gettext_noop(
            "Evidence that the beneficiary is individually targeted, such as a media, government or NGO report naming them"
        ),
        gettext_noop("Birth, marriage or adoption certificates showing the family relationship"),
        gettext_noop(
            "A letter from the agency or court that needs the beneficiary's presence, saying why and for how long"
        ),
        gettext_noop(
            "Evidence of the event (for example a hospital letter about a dying relative, a death certificate or a court summons)"
        ),
    ]
)


def evidence_text(label: str) -> str:
    """The label in the reader's language when the catalogs have it, else as published."""
    return gettext(label) if label in TRANSLATED_LABELS else label


def evidence_html(label: str) -> SafeString:
    """The same for a page: an English label keeps lang="en" so it is read as English."""
    text = evidence_text(label)
    if text == label and not (get_language() or "en").startswith("en"):
        return format_html('<span lang="en" dir="ltr">{}</span>', label)
    return format_html("{}", text)
