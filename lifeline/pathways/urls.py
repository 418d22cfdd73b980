"""URLs of the pathway pages (under /pathways/)."""

from django.urls import path

from lifeline.pathways import views

app_name = "pathways"

urlpatterns = [
    path("clients/", views.clients, name="clients"),
    path("office/parole-ending/", views.cohort, name="cohort"),
    path("office/parole-ending.csv", views.cohort_csv, name="cohort_csv"),
    path("<str:reference>/", views.parolee, name="parolee"),
]
