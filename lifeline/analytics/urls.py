"""URLs of the analytics pages (under /analytics/): operations dashboards, forecast, consistency."""

from django.urls import path

from lifeline.analytics import views, views_forecast

app_name = "analytics"

urlpatterns = [
    path("", views.operations, name="operations"),
    path("export/<slug:table>.<slug:file_format>", views.export_table, name="export"),
    path("forecast/", views_forecast.forecast_page, name="forecast"),
]
