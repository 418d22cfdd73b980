"""Pashto: year, month, day (CLDR ps: y/M/d), in figures."""

DATE_FORMAT = "Y/n/j"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "Y/n/j H:i"
YEAR_MONTH_FORMAT = "Y/n"
MONTH_DAY_FORMAT = "n/j"
SHORT_DATE_FORMAT = "Y/n/j"
SHORT_DATETIME_FORMAT = "Y/n/j H:i"
FIRST_DAY_OF_WEEK = 6  # Saturday
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
