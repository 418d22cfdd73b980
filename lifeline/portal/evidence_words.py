"""Evidence names in the reader's language: every program's English labels, translated in the
catalogs; a label a newer policy file adds stays English, marked as such, until translated."""
# ruff: noqa: E501 - the labels are the policy files' own sentences, kept whole for the catalogs.

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext, gettext_noop

# The labels the policy files give, kept here so that extraction finds them (a test checks
# that every label of every program is here).
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
        gettext_noop(
            "A marriage or birth certificate linking a derivative family member to the principal"
        ),
        gettext_noop("A marriage or birth certificate linking the family member to the principal"),
        gettext_noop("A passport valid for international travel"),
        gettext_noop(
            "A statement of any entry into the United States, Mexico or Panama and any removal order"
        ),
        gettext_noop(
            "A valid passport (a Ukrainian passport for the principal; a child may be included on a parent's passport)"
        ),
        gettext_noop("An Afghan passport or tazkira, or another identity document"),
        gettext_noop("Attestation of the required vaccinations before travel"),
        gettext_noop("Attestation of the vaccinations the process requires before travel"),
        gettext_noop("Current address"),
        gettext_noop("Evidence of being in the United States now"),
        gettext_noop(
            "Evidence of the family relationship to the Ukrainian principal the family member travels with"
        ),
        gettext_noop("Evidence of the parent's lawful presence in the United States"),
        gettext_noop("Evidence of the parent's or guardian's lawful presence in the United States"),
        gettext_noop("Evidence of the parent-child relationship (DNA testing may be required)"),
        gettext_noop(
            "Evidence that parole conditions were met, including the post-arrival medical attestation"
        ),
        gettext_noop("Evidence that the principal lived in Ukraine through 11 February 2022"),
        gettext_noop(
            "Proof that the adult travelling with a child under 18 is the child's parent or legal guardian"
        ),
        gettext_noop("Receipt notices for any pending asylum or adjustment of status application"),
        gettext_noop("The Form I-797 approval notice of the Form I-130 petition"),
        gettext_noop(
            "The Form I-94 record showing class of admission OAR or PAR and the parole end date"
        ),
        gettext_noop("The Form I-94 record showing the current CAM parole and its end date"),
        gettext_noop("The Form I-94 record showing the parole date and its end date"),
        gettext_noop("The child's birth certificate and a passport or national identity document"),
        gettext_noop(
            "The invitation from the National Visa Center to the petitioner, with its code"
        ),
        gettext_noop("The panel physician's medical examination"),
        gettext_noop("The petitioner's Form I-134A with evidence of income and status"),
        gettext_noop(
            "The supporter's Form I-134 (later I-134A), filed online, with evidence of income"
        ),
        gettext_noop(
            "The supporter's Form I-134A, filed online, with evidence of income and identity"
        ),
    ]
)


def policy_text(text: str, listed: frozenset[str]) -> str:
    """A policy file's sentence in the reader's language when it is `listed` for the catalogs
    and translated there, else as published."""
    return gettext(text) if text in listed else text


def policy_html(text: str, listed: frozenset[str]) -> SafeString:
    """The same for a page: a sentence left in English keeps lang="en" so it is read as English."""
    shown = policy_text(text, listed)
    if shown == text and not (get_language() or "en").startswith("en"):
        return format_html('<span lang="en" dir="ltr">{}</span>', text)
    return format_html("{}", shown)


def evidence_text(label: str) -> str:
    """The label in the reader's language when the catalogs have it, else as published."""
    return policy_text(label, TRANSLATED_LABELS)


def evidence_html(label: str) -> SafeString:
    """The same for a page: an English label keeps lang="en" so it is read as English."""
    return policy_html(label, TRANSLATED_LABELS)
