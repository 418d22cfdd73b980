"""Sign-up, e-mail verification, sign-in and password reset pages (django-allauth)."""

from django.urls import include, path

urlpatterns = [path("", include("allauth.urls"))]
