from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from viewflow.contrib.auth import AuthViewset

from nominations.flows import AgencyPledgeFlow, AnnualReportFlow, PledgeFlow
from nominations.flows.council import CouncilFlow
from nominations.flows.dossier import DossierFlow
from nominations.flows.home_affairs import HomeAffairsFlow
from nominations.site import (
    EligibilityApplication,
    NominationsApplication,
    PledgesApplication,
    RecordsApplication,
    ReportsApplication,
)
from nominations.views.postings import PublicPostingView
from workflow.auditor_views import AuditApplication
from workflow.documents.site import DocumentsApplication
from workflow.flow_views import FlowAppViewset, FlowViewset
from workflow.menu import ProductSite
from workflow.site import HomeApplication

admin.site.site_header = _("Quản trị hệ thống thi đua – khen thưởng")
admin.site.site_title = _("Thi đua – Khen thưởng")

site = ProductSite(
    title=_("Thi đua – Khen thưởng"),
    primary_color="#9c1c1c",  # the red and gold of Vietnamese state documents; also in includes/theme.html
    secondary_color="#c8a415",
    viewsets=[
        HomeApplication(), NominationsApplication(), PledgesApplication(), DocumentsApplication(),
        ReportsApplication(), RecordsApplication(), EligibilityApplication(), AuditApplication(),
        FlowAppViewset(PledgeFlow, icon="how_to_reg"), FlowAppViewset(AgencyPledgeFlow, icon="assignment_turned_in"),
        FlowAppViewset(AnnualReportFlow, icon="summarize"),
    ],
)



def _in_site_shell(viewset: FlowViewset):
    """A flow kept out of the menu still renders its task pages in the site's shell.

    viewflow hands the site (title, menu, colours, language switch) to a page only through the
    resolver that matched it; a flow mounted beside the site got the bare "Django Material" page.
    """
    patterns, app_name, namespace = viewset.urls
    for resolver in patterns:
        resolver.extra["site"] = site
    return patterns, app_name, namespace


# Errors in the site's shell, in Vietnamese, with a way back (workflow/errors.py).
handler403 = "workflow.errors.permission_denied"
handler404 = "workflow.errors.page_not_found"
handler500 = "workflow.errors.server_error"

urlpatterns = [
    path("accounts/", AuthViewset(with_profile_view=False).urls),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # Công khai for the agency's portal: no login, only while a cycle's list is posted (nominations/views/postings.py).
    path("cong-khai/<int:pk>/", PublicPostingView.as_view(), name="public_posting"),
    # The REST API, version 1 (issue 22): other systems, with a token (nominations/api).
    path("api/v1/", include("nominations.api.urls")),
    path("flows/dossier/", _in_site_shell(FlowViewset(DossierFlow))),
    path("flows/council/", _in_site_shell(FlowViewset(CouncilFlow))),
    path("flows/home-affairs/", _in_site_shell(FlowViewset(HomeAffairsFlow))),
    path("", site.urls),
]

