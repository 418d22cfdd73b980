"""URLs of the analytics pages (under /analytics/): operations dashboards, forecast, consistency,
draft program versions."""

from django.urls import path

from lifeline.analytics.consistency import views as views_consistency
from lifeline.analytics.forecast import views as views_forecast
from lifeline.analytics.operations import views
from lifeline.analytics.program_versions import views as views_program_versions

app_name = "analytics"

urlpatterns = [
    path("", views.operations, name="operations"),
    path("export/<slug:table>.<slug:file_format>", views.export_table, name="export"),
    path("refresh/", views.refresh_operations, name="operations_refresh"),
    path("forecast/", views_forecast.forecast_page, name="forecast"),
    path("consistency/", views_consistency.consistency_page, name="consistency"),
    path(
        "consistency/refresh/",
        views_consistency.refresh_consistency,
        name="consistency_refresh",
    ),
    path("reasons/", views_consistency.reasons_page, name="reasons"),
    path("reasons.csv", views_consistency.reasons_csv, name="reasons_csv"),
    path(
        "program-versions/",
        views_program_versions.program_versions_page,
        name="program_versions",
    ),
]
