"""The public verification form: one code."""

from __future__ import annotations

from django import forms


class VerifyForm(forms.Form):
    code = forms.CharField(
        max_length=20,
        label="Verification code",
        help_text="The code printed on the notice, e.g. ABCD-EFGH-JKMN.",
    )
