"""The kinds of notice Lifeline issues; adjudication and parole name the kind they send."""

from django.db import models


class NoticeKind(models.TextChoices):
    APPROVAL = "approval", "Approval notice"
    DENIAL = "denial", "Denial notice"
    CLOSURE = "closure", "Closure notice"
    EVIDENCE_REQUEST = "evidence_request", "Request for evidence"
    PAYMENT = "payment", "Parole fee payment notice"
    TRAVEL_AUTHORIZATION = "travel_authorization", "Travel authorization"
    REPAROLE_WINDOW = "reparole_window", "Re-parole window notice"
    TERMINATION = "termination", "Notice of parole termination"
    PROGRAM_WITHDRAWAL = "program_withdrawal", "Notice of withdrawal by the program office"
