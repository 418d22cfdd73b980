"""The public verification form: one code."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class VerifyForm(forms.Form):
    code = forms.CharField(
        max_length=20,
        label=_("Verification code"),
        help_text=_("The code printed on the notice, e.g. ABCD-EFGH-JKMN."),
    )
