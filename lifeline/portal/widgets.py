"""USWDS widgets: the memorable date (day, month, year boxes) that needs no date picker."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django import forms

from lifeline.portal.localise import DATE_PARTS, date_part_order


class MemorableDateWidget(forms.MultiWidget):
    """Three number boxes, month, day and year, laid out in the order the reader's language
    writes a date; the field reads them as YYYY-MM-DD."""

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
        """`widget.parts`: (part, box) in the order the reader writes a date; the boxes keep
        their names (_0 month, _1 day, _2 year) whatever the order."""
        context = super().get_context(name, value, attrs)
        boxes = context["widget"]["subwidgets"]
        context["widget"]["parts"] = [
            (part, boxes[DATE_PARTS.index(part)]) for part in date_part_order()
        ]
        return context

    @property
    def first_box_suffix(self) -> str:
        """The id suffix of the box the reader fills first, for links to the field."""
        return f"_{DATE_PARTS.index(date_part_order()[0])}"

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
