"""Working days, due dates, reminders and escalation: the engine's sense of time.

Vietnamese public holidays are data (``CalendarDay``), never constants: the lunar holidays
move every year and the government announces compensatory days and swapped Saturdays each
year (Bộ luật Lao động 2019, Điều 112; Điều 111 on the weekly rest day).
"""
