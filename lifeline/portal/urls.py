"""URLs of the public portal (under the language prefix)."""

from django.urls import path

from lifeline.portal import views, views_representation
from lifeline.portal.declarations import views as views_declarations
from lifeline.portal.requests import views as views_requests

app_name = "portal"

urlpatterns = [
    path("accessibility/", views.accessibility, name="accessibility"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("demo/mailbox/", views.demo_mailbox, name="demo_mailbox"),
    path("declarations/new/", views_declarations.declare, name="declare"),
    path("declarations/new/<str:step>/", views_declarations.declare, name="declare_step"),
    path("declarations/<str:reference>/", views_declarations.detail, name="declaration"),
    path(
        "declarations/<str:reference>/evidence/",
        views_declarations.upload,
        name="declaration_upload",
    ),
    path(
        "declarations/<str:reference>/confirm/",
        views_declarations.confirm,
        name="declaration_confirm",
    ),
    path(
        "declarations/<str:reference>/withdraw/",
        views_declarations.withdraw,
        name="declaration_withdraw",
    ),
    path(
        "programs/<str:program>/before-you-start/",
        views_requests.before_you_start,
        name="program_before",
    ),
    path("requests/new/", views_requests.start, name="request_start"),
    path("requests/new/<str:step>/", views_requests.start, name="request_step"),
    path("requests/<str:reference>/", views_requests.detail, name="request"),
    path("requests/<str:reference>/submit/", views_requests.submit, name="request_submit"),
    path("requests/<str:reference>/evidence/", views_requests.upload, name="request_upload"),
    path("requests/<str:reference>/family/", views_requests.add_family, name="request_family"),
    path(
        "requests/<str:reference>/notices/<int:notice_id>/",
        views_requests.notice,
        name="request_notice",
    ),
    path("representatives/", views_representation.consents, name="consents"),
    path(
        "representatives/<int:consent_id>/revoke/",
        views_representation.revoke,
        name="consent_revoke",
    ),
    path("clients/", views_representation.clients, name="clients"),
]
