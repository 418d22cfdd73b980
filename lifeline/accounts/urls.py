"""Sign-up, e-mail verification, sign-in and password reset pages (django-allauth)."""

from typing import Any

from allauth.account.views import SignupView
from django.db import transaction
from django.http import HttpRequest, HttpResponseBase
from django.urls import include, path

from lifeline.accounts.adapter import deferred_mail

_signup_view = SignupView.as_view()


def signup(http: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
    """allauth's sign-up in one transaction (the account, its address and role together or not
    at all); the confirmation mail leaves once that transaction has committed."""
    with deferred_mail(), transaction.atomic():
        response: HttpResponseBase = _signup_view(http, *args, **kwargs)
    return response


urlpatterns = [
    path("signup/", signup, name="account_signup"),
    path("", include("allauth.urls")),
]
