"""The portal's words for program data: programs, categories, statuses, outcomes, relations."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lifeline.programs.registry import get_registry

PROGRAM_NAMES = {
    "general": _("Humanitarian parole for a person outside the United States (Form I-131)"),
    "u4u": _("Uniting for Ukraine"),
    "chnv_cuba": _("Parole process for Cubans"),
    "chnv_haiti": _("Parole process for Haitians"),
    "chnv_nicaragua": _("Parole process for Nicaraguans"),
    "chnv_venezuela": _("Parole process for Venezuelans"),
    "frp": _("Family Reunification Parole"),
    "afghan_reparole": _("Re-parole for Afghan nationals"),
    "cam": _("Central American Minors"),
}
CATEGORIES = [
    ("medical", _("Medical treatment")),
    ("protection", _("Protection from harm")),
    ("family_reunification", _("Joining family")),
    ("public_benefit", _("A significant public benefit, such as testimony in court")),
    ("other", _("Another urgent reason, such as a dying relative or a funeral")),
]
SEXES = [("F", _("Female")), ("M", _("Male")), ("X", _("Another sex or not stated"))]
MARITAL_STATUSES = [
    ("", _("Not stated")),
    ("single", _("Single")),
    ("married", _("Married")),
    ("partnered", _("Living with a partner")),
    ("divorced", _("Divorced")),
    ("widowed", _("Widowed")),
]
STATUS_IN_US = [
    ("citizen", _("U.S. citizen")),
    ("national", _("U.S. national")),
    ("permanent_resident", _("Lawful permanent resident (green card)")),
    ("conditional_resident", _("Conditional permanent resident")),
    ("temporary_resident", _("Lawful temporary resident")),
    ("nonimmigrant", _("Nonimmigrant visa holder")),
    ("asylee", _("Asylee")),
    ("refugee", _("Refugee")),
    ("parolee", _("Parolee")),
    ("tps", _("Temporary Protected Status")),
    ("deferred_action", _("Deferred action")),
    ("daca", _("Deferred Action for Childhood Arrivals")),
    ("ded", _("Deferred Enforced Departure")),
    ("asylum_applicant", _("Asylum applicant")),
    ("none", _("None of these")),
]
RELATIONSHIPS = [
    ("spouse", _("Spouse or partner")),
    ("child", _("Child")),
    ("parent", _("Parent")),
    ("sibling", _("Brother or sister")),
    ("other_relative", _("Other relative")),
    ("friend", _("Friend")),
    ("none", _("No relationship")),
]
EVENT_KINDS = [
    ("", _("No event")),
    ("funeral", _("A funeral")),
    ("dying_relative", _("A relative who is dying")),
    ("court", _("A court date")),
    ("organ_donation", _("An organ donation")),
    ("other", _("Another event")),
]
DECLARATION_STATUSES = {
    "submitted": _("Waiting for the beneficiary to confirm"),
    "confirmed": _("Confirmed by the beneficiary"),
    "withdrawn": _("Withdrawn"),
}
REQUEST_STATUSES = {
    "draft": _("Draft: not sent yet"),
    "submitted": _("Submitted"),
    "prescreened": _("Pre-screened, waiting for an officer"),
    "in_review": _("An officer is reviewing it"),
    "evidence_requested": _("More evidence is needed from you"),
    "decision_pending_signoff": _("A decision is being checked by a supervisor"),
    "approved": _("Approved"),
    "denied": _("Denied"),
    "administratively_closed": _("Closed"),
    "withdrawn": _("Withdrawn"),
    "program_withdrawn": _("Withdrawn by the program office"),
}
# What a pre-screen outcome means, in plain words. Rules never decide: an officer does.
OUTCOMES = {
    "meets_criteria": _(
        "Your request meets the basic criteria of this process. An officer will now review "
        "it and decide. This is not a decision."
    ),
    "needs_information": _(
        "Your request is missing some information. An officer may ask you for it. You can "
        "add evidence now to avoid delays."
    ),
    "not_eligible": _(
        "From what you told us, the person does not meet a criterion of this process. An "
        "officer will still read your request and decide."
    ),
    "not_accepted": _(
        "This process is not accepting requests like this one on the filing date (it may be "
        "paused, closed or full). An officer will confirm."
    ),
    "route_elsewhere": _(
        "Requests like this one go to another process or office, named below. An officer will "
        "confirm and tell you where to file."
    ),
}
# A family member the request says does not travel with the person or join them (ADR 0278).
NOT_PART_OF_REQUEST_LABEL = _("Not part of this request")
NOT_PART_OF_REQUEST_TEXT = _(
    "You said this family member does not travel with the person or join them, so they are "
    "not part of this request. They are not checked, and no fee is counted for them."
)
NOTICE_KINDS = {
    "approval": _("Approval notice"),
    "denial": _("Denial notice"),
    "closure": _("Closure notice"),
    "evidence_request": _("Request for evidence"),
    "payment": _("Parole fee payment notice"),
    "travel_authorization": _("Travel authorization"),
    "reparole_window": _("Re-parole window notice"),
    "termination": _("Notice of parole termination"),
    "program_withdrawal": _("Notice of withdrawal by the program office"),
}
OUTCOME_LABELS = {
    "meets_criteria": _("Meets the basic criteria"),
    "needs_information": _("Information is missing"),
    "not_eligible": _("A criterion is not met"),
    "not_accepted": _("Not accepted on the filing date"),
    "route_elsewhere": _("Another process or office decides"),
}

HOUSEHOLD_ROLES = {
    "principal": _("Principal beneficiary"),
    "spouse": _("Spouse or partner of the principal"),
    "child": _("Child of the principal"),
}
FEE_KINDS = {
    "i131_filing": _("Form I-131 filing fee"),
    "parole_grant": _("Immigration parole fee"),
}


def program_name(program: str) -> str:
    if program in PROGRAM_NAMES:
        return str(PROGRAM_NAMES[program])
    return get_registry().versions(program)[-1].title
