"""The public verification page and notice PDFs; included without a namespace, so the names
`verify`, `verify_code` and `notice_pdf` stay as they were."""

from django.urls import path

from lifeline.notices import views

urlpatterns = [
    path("verify/", views.verify, name="verify"),
    path("verify/<str:code>", views.verify, name="verify_code"),
    path("notices/<str:code>.pdf", views.notice_pdf, name="notice_pdf"),
]
