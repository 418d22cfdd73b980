"""URLs of the pathway pages (under /pathways/)."""

from django.urls import path

from lifeline.pathways import views

app_name = "pathways"

urlpatterns = [
    path("clients/", views.clients, name="clients"),
    path("office/parole-ending/", views.cohort, name="cohort"),
    path("office/parole-ending.csv", views.cohort_csv, name="cohort_csv"),
    path("office/parole-ending-people.csv", views.cohort_people_csv, name="cohort_people_csv"),
    path("office/timeline/", views.timeline, name="timeline"),
    path("office/timeline/<str:version>/", views.timeline_change, name="timeline_change"),
    path("<str:reference>/", views.parolee, name="parolee"),
]
