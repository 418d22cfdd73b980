"""The plain words of the pathway pages and reminders, in the portal languages."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

OPTION_LABELS: dict[str, Promise] = {
    "asylum": _("Ask for protection because you fear harm in your country (asylum)"),
    "tps": _("Temporary protection for people from countries in crisis (TPS)"),
    "cuban_adjustment": _("Permanent residence for Cubans after one year in the United States"),
    "afghan_special_immigrant": _(
        "Permanent residence for Afghans who worked for or with the U.S. government"
    ),
    "family_adjustment": _("Permanent residence through a U.S. citizen or resident relative"),
    "reparole": _("Ask to extend your parole (re-parole)"),
    "employment_authorization": _("Permission to work while on parole"),
}

# An option's label for the basis its answer rests on (`OptionAnswer.basis`).
BASIS_LABELS: dict[tuple[str, str], Promise] = {
    ("employment_authorization", "tps"): _("Permission to work while you hold TPS"),
    ("employment_authorization", "asylum_pending"): _(
        "Permission to work while your asylum application is pending"
    ),
}

STATUS_LABELS: dict[str, Promise] = {
    "may_apply": _("You may apply"),
    "not_available": _("Not open to you on what we know"),
    "deadline_passed": _("The date has passed"),
    "not_yet": _("Not yet"),
    "needs_information": _("We need more information"),
    "needs_legal_review": _("An accredited representative must check this"),
}

NEXT_STEPS: dict[str, Promise] = {
    "may_apply": _(
        "Prepare and file before the date shown. An accredited representative can help."
    ),
    "not_available": _("Nothing to file for this option. Tell us if your situation changes."),
    "deadline_passed": _("Ask an accredited representative whether an exception applies to you."),
    "not_yet": _("Wait until the date shown, then file."),
    "needs_information": _("Answer the missing questions with your representative."),
    "needs_legal_review": _("Ask an accredited representative before you rely on this answer."),
}

# What the answer still needs, by the key an option names in `missing_facts`.
MISSING_FACTS: dict[str, Promise] = {
    "facts.fear_of_return": _("Whether you fear harm if you return to your country"),
    "facts.in_removal_proceedings": _(
        "Whether you are in removal proceedings before an immigration judge"
    ),
    "facts.present_in_united_states": _("Whether you are in the United States now"),
    "facts.spouse_or_parent_is_cuban_principal": _(
        "Whether your spouse or parent is a Cuban who can apply under the Cuban Adjustment Act"
    ),
    "facts.resides_with_cuban_principal": _("Whether you live with that spouse or parent"),
    "facts.afghan_chief_of_mission_approval": _("Whether you have Chief of Mission approval"),
    "facts.afghan_special_immigrant_classification_approved": _(
        "Whether your special immigrant classification is approved"
    ),
    "facts.afghan_chief_of_mission_application_filed": _(
        "Whether you applied for Chief of Mission approval"
    ),
    "facts.petitioner_is_us_citizen": _(
        "Whether the relative who filed your petition is a U.S. citizen"
    ),
    "facts.criminal_bar_possible": _("Whether a criminal record could bar you"),
    "person.citizenships": _("Your citizenship"),
    "person.birth_country": _("Your country of birth"),
    "person.citizenships or person.birth_country": _("Your citizenship or country of birth"),
    "parole": _("Your parole dates"),
    "parole or arrivals": _("Your parole dates or how you entered the United States"),
    "arrivals": _("The date you last arrived in the United States"),
    "petition": _("Whether a relative filed a family petition (Form I-130) for you"),
    "petition.approved": _("Whether your family petition is approved"),
    "petition.priority_date": _("The priority date of your family petition"),
    "filings.outcome": _("What was decided on an application you filed"),
}
OTHER_MISSING_FACT = _("Other information about your case")

REMINDER_SUBJECT = _("Reminder: {what} by {day}")
REMINDER_BODY = _(
    "{what}: the date to act by is {day}, in {days} days. Open your options page to see what to "
    "do next. Legal information, not legal advice."
)
PAROLE_ENDS = _("Your parole ends")
REMINDER_MOVED = _("This date has changed: an earlier reminder said {old}.")
CHANGE_SUBJECT = _("Your options after parole have changed")
CLIENT_CHANGE_SUBJECT = _("Your client's options after parole have changed ({reference})")
CHANGE_BODY = _(
    "A court order or a change in the law, published on {day}, changes the answers on the options "
    "after parole page. Open the page to see what changed and what to do next. Legal "
    "information, not legal advice."
)


def option_label(code: str, basis: str | None, fallback: str) -> str:
    """The option's label in the active language: the basis's label when the answer names one."""
    label = BASIS_LABELS.get((code, basis)) if basis else OPTION_LABELS.get(code)
    return str(label) if label is not None else fallback


def missing_fact_labels(keys: list[str]) -> list[str]:
    """The missing facts in plain words, each once, in the order first named."""
    labels = [str(MISSING_FACTS.get(key, OTHER_MISSING_FACT)) for key in keys]
    return list(dict.fromkeys(labels))
