"""The award domain's pages in the viewflow site shell."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from .views import (
    AgencyPledgeView,
    BlocView,
    CheckView,
    ImportView,
    MovementListView,
    PledgeDetailView,
    PledgeIndexView,
    PledgePdfView,
)


class EligibilityApplication(Application):
    title = _("Xét điều kiện khen thưởng")
    icon = "fact_check"
    app_name = "eligibility"

    index_path = path("", CheckView.as_view(), name="index")
    import_path = path("import/", ImportView.as_view(), name="import")


class PledgesApplication(Application):
    """Đăng ký thi đua (domain §6): registrations of units and of the agency, movements, blocs."""

    title = _("Đăng ký thi đua")
    icon = "how_to_reg"
    app_name = "pledges"

    index_path = path("", PledgeIndexView.as_view(), name="index")
    detail_path = path("<int:pk>/", PledgeDetailView.as_view(), name="detail")
    pdf_path = path("<int:pk>/pdf/", PledgePdfView.as_view(), name="pdf")
    agency_path = path("co-quan/<int:pk>/", AgencyPledgeView.as_view(), name="agency")
    movements_path = path("phong-trao/", MovementListView.as_view(), name="movements")
    bloc_path = path("khoi/<int:pk>/", BlocView.as_view(), name="bloc")
