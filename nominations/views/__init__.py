"""Thin views of the award domain, one module per concern; they call services and selectors."""

from .eligibility import CheckView, ImportView
from .pledges import AgencyPledgeView, BlocView, MovementListView, PledgeDetailView, PledgeIndexView, PledgePdfView

__all__ = [
    "AgencyPledgeView", "BlocView", "CheckView", "ImportView", "MovementListView", "PledgeDetailView",
    "PledgeIndexView", "PledgePdfView",
]
