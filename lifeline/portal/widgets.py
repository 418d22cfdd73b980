"""USWDS widgets: the memorable date (day, month, year boxes) that needs no date picker."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from lifeline.core.local_formats import date_field_order


class MemorableDateWidget(forms.MultiWidget):
    """Three number boxes, month, day and year (the names _0, _1, _2, in that order whatever
    the page language); the field reads them as YYYY-MM-DD. The page shows them in the order
    the reader writes a date: day first in Ukrainian or Arabic, year first in Dari (ADR 0268)."""

    is_memorable_date = True
    template_name = "portal/widgets/memorable_date.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        box = {"inputmode": "numeric", "class": "usa-input"}
        super().__init__(
            [
                forms.TextInput(attrs={**box, "maxlength": "2", "autocomplete": "off"}),
                forms.TextInput(attrs={**box, "maxlength": "2", "autocomplete": "off"}),
                forms.TextInput(attrs={**box, "maxlength": "4", "autocomplete": "off"}),
            ],
            attrs,
        )

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        month, day, year = context["widget"]["subwidgets"]
        boxes = {"month": month, "day": day, "year": year}
        context["widget"]["boxes"] = [(part, boxes[part]) for part in date_field_order()]
        return context

    @property
    def first_box_suffix(self) -> str:
        """The id suffix of the box the reader fills first, for links to the field."""
        return f"_{('month', 'day', 'year').index(date_field_order()[0])}"

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, dt.date):
            return [value.month, value.day, value.year]
        if isinstance(value, str) and value.count("-") == 2:
            year, month, day = value.split("-")
            return [month, day, year]
        return [None, None, None]

    def value_from_datadict(self, data: Mapping[str, Any], files: Any, name: str) -> Any:
        month, day, year = (
            str(part or "").strip() for part in super().value_from_datadict(data, files, name)
        )
        if not (month or day or year):
            return None
        return f"{year}-{month.zfill(2)}-{day.zfill(2)}"


class MemorableDateField(forms.DateField):
    widget = MemorableDateWidget

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        super().__init__(**kwargs)


def _date_example() -> str:
    """A date to type, 28 April 1986, in the boxes' order for the active language."""
    parts = {"month": "4", "day": "28", "year": "1986"}
    example = " ".join(parts[part] for part in date_field_order())
    return _("For example: %(example)s") % {"example": example}


# A hint for a memorable date, worded when the page is: "4 28 1986" in English, "28 4 1986" in
# Ukrainian, "1986 4 28" in Dari.
DATE_EXAMPLE = lazy(_date_example, str)()
