"""The draft program version file a program administrator uploads for its what-if review."""

from __future__ import annotations

from django import forms

MAX_DRAFT_BYTES = 500_000


class DraftVersionForm(forms.Form):
    draft = forms.FileField(
        label="Draft version file (YAML)",
        help_text="The whole version file, as it would be published; at most 500 kB.",
    )

    def clean_draft(self) -> str:
        upload = self.cleaned_data["draft"]
        if upload.size > MAX_DRAFT_BYTES:
            raise forms.ValidationError("The file is larger than 500 kB.")
        try:
            return str(upload.read().decode("utf-8"))
        except UnicodeDecodeError as error:
            raise forms.ValidationError("The file is not UTF-8 text.") from error
