"""Date formats of the site (``FORMAT_MODULE_PATH``): day first, ``dd/mm/yyyy``, in both languages.

Django's own Vietnamese formats write short dates with dashes and set no input formats, and its
English ones read "05/12/2027" as 12 May. The agency's dates are Vietnamese whatever the
interface language, so both read and write the day first (see ``workflow.dates``).
"""
