"""URLs of the analytics pages (under /analytics/): operations dashboards, forecast, consistency."""

from django.urls import path

from lifeline.analytics import views

app_name = "analytics"

urlpatterns = [
    path("", views.operations, name="operations"),
]
