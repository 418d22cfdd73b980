"""URLs of the officer workspace (under /workspace/): queue, cases, sign-off, parole."""

from django.urls import path

from lifeline.adjudication import views as adjudication
from lifeline.parole import views as parole
from lifeline.triage import views as triage

app_name = "workspace"

urlpatterns = [
    path("", triage.queue, name="queue"),
    path("take-next/", triage.take_next, name="take_next"),
    path("workload/", triage.workload, name="workload"),
    path("sign-off/", adjudication.signoff_queue, name="signoff"),
    path("cases/<str:reference>/", adjudication.case_page, name="case"),
    path("cases/<str:reference>/decide/", adjudication.decide, name="decide"),
    path("cases/<str:reference>/second-review/", adjudication.second_review, name="second_review"),
    path(
        "cases/<str:reference>/evidence-request/",
        adjudication.request_evidence,
        name="request_evidence",
    ),
    path(
        "cases/<str:reference>/evidence/<int:evidence_id>/",
        adjudication.evidence_file,
        name="evidence_file",
    ),
    path("cases/<str:reference>/assign/", triage.assign, name="assign"),
    path(
        "cases/<str:reference>/withdraw/",
        adjudication.withdraw_by_program,
        name="withdraw_by_program",
    ),
    path("cases/<str:reference>/route/", triage.route, name="route"),
    path("cases/<str:reference>/expedite/", triage.expedite, name="expedite"),
    path("cases/<str:reference>/parole/", parole.term_page, name="parole"),
    path("terminations/", parole.terminations_page, name="terminations"),
]
