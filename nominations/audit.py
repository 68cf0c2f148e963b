"""The award domain's audit vocabulary and secrets (registered with the engine's log)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from workflow.audit import Action, mark_secret, register_action

CYCLE_OPENED = register_action("nominations.cycle_opened", _("Mở đợt xét khen thưởng"))
AGENDA_PUBLISHED = register_action("nominations.agenda_published", _("Công bố danh sách, mở phiếu bầu"))
SESSION_CANCELLED = register_action("nominations.session_cancelled", _("Hủy phiên họp Hội đồng"))
MINUTES_FINALISED = register_action("nominations.minutes_finalised", _("Hoàn thành biên bản họp Hội đồng"))
AWARDS_REGISTERED = register_action("nominations.awards_registered", _("Ghi sổ khen thưởng"))

__all__ = ["AGENDA_PUBLISHED", "AWARDS_REGISTERED", "Action", "CYCLE_OPENED", "MINUTES_FINALISED", "SESSION_CANCELLED"]


def register_secrets() -> None:
    """Secret ballot (domain §4): what a paper says never reaches the log, a timeline or an export."""
    mark_secret("nominations.BallotPaper")
    mark_secret("nominations.BallotChoice")
