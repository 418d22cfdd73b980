"""CSV cells a spreadsheet reads as text: one starting with = + - @ (or a tab or carriage
return) is prefixed with an apostrophe, so a name typed by a member of the public never runs
as a formula when staff open the download."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text
