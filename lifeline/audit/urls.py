"""URLs of the auditor pages."""

from django.urls import path

from lifeline.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("events/<int:event_id>/", views.event_detail, name="event_detail"),
]
