"""Arabic: Django's dates (day first), CLDR's separators (1,000.5), day-first input."""

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
# Django's Arabic module names no input formats, so Django's defaults (month first) applied.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
