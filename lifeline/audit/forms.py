"""The auditor's search form: case reference, person id, actor username."""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _


class AuditSearchForm(forms.Form):
    case_reference = forms.CharField(
        label=_("Case reference"),
        required=False,
        max_length=64,
        validators=[
            RegexValidator(
                r"^[A-Za-z0-9_.:\-]*$",
                _("Use letters, digits and . _ : - only, as in IOE0912345678."),
            )
        ],
    )
    person_id = forms.IntegerField(
        label=_("Person id"), required=False, min_value=1, max_value=2**63 - 1
    )
    actor = forms.CharField(label=_("Actor username"), required=False, max_length=150)
