"""Sign-up and sign-in forms: allauth's, with the portal's labels and a role at sign-up."""

from __future__ import annotations

from typing import Any

from allauth.account import forms as allauth_forms
from django import forms
from django.utils.translation import gettext_lazy as _

from lifeline.accounts.enums import UserRole

SIGNUP_ROLES = [
    (UserRole.BENEFICIARY, _("I am asking for parole for myself or my family")),
    (UserRole.SUPPORTER, _("I live in the United States and want to support someone")),
]
_LABELS = {
    "login": _("E-mail address or user name"),
    "email": _("E-mail address"),
    "password": _("Password"),
    "password1": _("Password"),
    "password2": _("Password again"),
    "oldpassword": _("Current password"),
}
_HELP = {
    "password1": _("At least 12 characters. Avoid common words and your name."),
}


def _relabel(form: forms.Form) -> None:
    for name, field in form.fields.items():
        if name in _LABELS:
            field.label = _LABELS[name]
        if name in _HELP:
            field.help_text = _HELP[name]
        field.widget.attrs.pop("placeholder", None)
        field.error_messages["required"] = _("Fill in this field.")
        if name == "email":
            field.error_messages["invalid"] = _("Enter an e-mail address like name@example.com.")


class LoginForm(allauth_forms.LoginForm):  # type: ignore[misc]  # allauth ships no type hints
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _relabel(self)


class SignupForm(allauth_forms.SignupForm):  # type: ignore[misc]  # allauth ships no type hints
    role = forms.ChoiceField(
        label=_("Why are you creating an account?"),
        choices=SIGNUP_ROLES,
        widget=forms.RadioSelect,
        help_text=_("Legal representatives receive their accounts from the program office."),
    )
    field_order = ["role", "email", "password1", "password2"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _relabel(self)
        self.fields["role"].error_messages["required"] = _("Choose why you are signing up.")
        self.order_fields(self.field_order)


class ResetPasswordForm(allauth_forms.ResetPasswordForm):  # type: ignore[misc]  # allauth ships no type hints
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _relabel(self)


class ResetPasswordKeyForm(allauth_forms.ResetPasswordKeyForm):  # type: ignore[misc]  # allauth ships no type hints
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _relabel(self)
