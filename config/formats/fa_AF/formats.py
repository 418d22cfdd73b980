"""Dari: Persian's dates (day, month, year; y/M/d in figures) and separators; amounts grouped
by threes and dates typed in figures read year first, as written in Afghanistan."""

NUMBER_GROUPING = 3
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d"]
