from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from viewflow.contrib.auth import AuthViewset
from viewflow.urls import Site

from nominations.flows import AgencyPledgeFlow, PledgeFlow
from nominations.flows.council import CouncilFlow
from nominations.flows.dossier import DossierFlow
from nominations.flows.home_affairs import HomeAffairsFlow
from nominations.site import EligibilityApplication, NominationsApplication, PledgesApplication
from workflow.auditor_views import AuditApplication
from workflow.documents.site import DocumentsApplication
from workflow.flow_views import FlowAppViewset, FlowViewset
from workflow.site import HomeApplication

admin.site.site_header = _("Quản trị hệ thống thi đua – khen thưởng")
admin.site.site_title = _("Thi đua – Khen thưởng")

site = Site(
    title=_("Thi đua – Khen thưởng"),
    primary_color="#9c1c1c",  # the red and gold of Vietnamese state documents; also in includes/theme.html
    secondary_color="#c8a415",
    viewsets=[
        HomeApplication(), PledgesApplication(), NominationsApplication(), DocumentsApplication(),
        EligibilityApplication(), AuditApplication(),
        FlowAppViewset(PledgeFlow, icon="how_to_reg"), FlowAppViewset(AgencyPledgeFlow, icon="assignment_turned_in"),
    ],
)

urlpatterns = [
    path("accounts/", AuthViewset(with_profile_view=False).urls),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("flows/dossier/", FlowViewset(DossierFlow).urls),
    path("flows/council/", FlowViewset(CouncilFlow).urls),
    path("flows/home-affairs/", FlowViewset(HomeAffairsFlow).urls),
    path("", site.urls),
]

