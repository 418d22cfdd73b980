"""The URL map: API outside any language prefix, pages under it."""

from django.contrib import admin
from django.urls import include, path

from lifeline.core import views as core_views

urlpatterns = [
    path("", include("config.api")),
    path("", core_views.home, name="home"),
    path("healthz", core_views.health, name="health"),
    path("admin/", admin.site.urls),
    path("audit/", include("lifeline.audit.urls")),
]
