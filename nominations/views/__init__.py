"""Thin views of the award domain, one module per concern; they call services and selectors."""

from .council import SessionDetailView, SessionListView
from .dossiers import AttachmentDownloadView, CycleEditView, CycleListView, DossierDetailView, DossierListView
from .eligibility import CheckView, ImportView
from .pledges import AgencyPledgeView, BlocView, MovementListView, PledgeDetailView, PledgeIndexView, PledgePdfView
from .reports import ReportDetailView, ReportIndexView, SectionDetailView

__all__ = [
    "AttachmentDownloadView", "CheckView", "CycleEditView", "CycleListView", "DossierDetailView", "DossierListView",
    "ImportView",
    "SessionDetailView", "SessionListView",
    "AgencyPledgeView", "BlocView", "CheckView", "ImportView", "MovementListView", "PledgeDetailView",
    "PledgeIndexView", "PledgePdfView", "ReportDetailView", "ReportIndexView", "SectionDetailView",
]
