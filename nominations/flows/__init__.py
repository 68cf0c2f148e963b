"""The award domain's viewflow processes, one module per flow (design §3).

``workflow`` imports this package at start-up (autodiscovery of ``flows``); each flow module
must be imported here so the engine's checks and inboxes see it.
"""
from . import council, dossier, home_affairs  # noqa: F401
from .pledge import AgencyPledgeFlow, PledgeFlow
from .report import AnnualReportFlow

__all__ = ["AgencyPledgeFlow", "AnnualReportFlow", "PledgeFlow"]
