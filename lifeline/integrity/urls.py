"""Integrity analysts' pages (under /integrity/): the flag queue, flags, rings and identities."""

from django.urls import path

from lifeline.integrity import views

app_name = "integrity"

urlpatterns = [
    path("", views.flag_queue, name="flags"),
    path("flags/<int:flag_id>/", views.flag_detail, name="flag"),
    path("flags/<int:flag_id>/decide/", views.decide, name="decide"),
    path("rings/<int:ring_id>/", views.ring_detail, name="ring"),
    path("identities/<int:identity_id>/", views.identity_detail, name="identity"),
    path("identities/<int:identity_id>/merge/", views.merge, name="merge"),
    path("identities/<int:identity_id>/split/", views.split, name="split"),
]
