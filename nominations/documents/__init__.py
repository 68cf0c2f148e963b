"""Document builders: what every document of the award domain says, built from domain objects.

Each builder returns a ``Draft``: the engine's template key, the summary (trích yếu), the data as a
plain dict (each template's header comment is its contract) and the issuing unit's code. Builders
read, never write: services create, sign and audit the documents (``workflow.documents.services``).

Nothing of one agency is written here: names, titles, the parent authority, the place and the unit
that drafts the documents come from the agency's data (``accounts.Agency``, editable in the admin).
"""

from .base import Draft, decider, emulation_executor, home_affairs_name, issuer_unit_code
from .council import decision_draft, submission_draft
from .minutes import minutes_draft
from .pledges import registration_document_data
from .report import report_document_data, report_summary

__all__ = [
    "Draft", "decider", "decision_draft", "emulation_executor", "home_affairs_name", "issuer_unit_code",
    "minutes_draft", "registration_document_data", "report_document_data", "report_summary", "submission_draft",
]
