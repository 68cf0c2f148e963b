"""Vietnamese formats: every date shown and typed ``dd/mm/yyyy`` (see ``config.formats``)."""

from workflow.dates import INPUT_FORMATS

DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "H:i d/m/Y"
SHORT_DATETIME_FORMAT = "H:i d/m/Y"
TIME_FORMAT = "H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
DATE_INPUT_FORMATS = INPUT_FORMATS
DATETIME_INPUT_FORMATS = [f"{date} {time}" for time in ("%H:%M", "%H:%M:%S") for date in INPUT_FORMATS] + INPUT_FORMATS
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3  # 20.000, 1.234.567: the dot between groups of three
