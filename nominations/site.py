"""The award domain's pages in the viewflow site shell."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from accounts.roles import Role
from workflow.menu import MEMBER, MenuEntry

from .views import (
    AgencyPledgeView,
    AttachmentDownloadView,
    BlocView,
    CheckView,
    CycleEditView,
    CycleListView,
    DossierDetailView,
    DossierListView,
    ImportView,
    MovementListView,
    PledgeDetailView,
    PledgeIndexView,
    PledgePdfView,
    ReportDetailView,
    ReportIndexView,
    SectionDetailView,
    SessionDetailView,
    SessionListView,
)
from .views.amendments import AmendmentView
from .views.blocs import BlocAssessmentView, BlocYearView
from .views.certificates import (
    CertificateCalibrationView,
    CertificatePdfView,
    CertificatePreviewView,
    CertificatesView,
)
from .views.consultations import ConsultationsView
from .views.council import SessionPreviewView
from .views.dashboard import DashboardView
from .views.funds import FundView, PayoutListView, PayoutPdfView, PayoutXlsxView
from .views.initiatives import InitiativeCouncilView, InitiativeDetailView, InitiativeListView, InitiativeNewView
from .views.postings import PostingView
from .views.records import PersonRecordView, RecordSearchView, UnitRecordView
from .views.results import LineListView, ResultsView
from .views.service_awards import ServiceCandidatesView
from .views.statistics import StatisticsView

UNIT_HEAD, SECRETARIAT, COUNCIL = Role.UNIT_HEAD, Role.SECRETARIAT, Role.COUNCIL_MEMBER
CHIEF, DEPUTY, HOME_AFFAIRS, AUDITOR = Role.CHIEF, Role.DEPUTY_CHIEF, Role.HOME_AFFAIRS, Role.AUDITOR
LEADS = (SECRETARIAT, CHIEF, DEPUTY)
# Who has a dashboard: exactly those nominations.selectors.dashboard.dashboard_scope gives a scope
# (tests/workflow/test_menu.py holds the two together).
DASHBOARD_ROLES = (UNIT_HEAD, *LEADS, AUDITOR, HOME_AFFAIRS)


class EligibilityApplication(Application):
    title = _("Xét điều kiện khen thưởng")
    menu_template_name = None
    menu_entries = (MenuEntry("eligibility:index", _("Xét điều kiện"), "fact_check", (UNIT_HEAD, SECRETARIAT)),)
    icon = "fact_check"
    app_name = "eligibility"

    index_path = path("", CheckView.as_view(), name="index")
    import_path = path("import/", ImportView.as_view(), name="import")


class NominationsApplication(Application):
    title = _("Hồ sơ đề nghị khen thưởng")
    menu_template_name = None
    # One list for the whole drawer (workflow/site_menu.html): no second menu of this application's own.
    menu_entries = (
        MenuEntry("nominations:dashboard", _("Tổng quan"), "insights", DASHBOARD_ROLES),
        MenuEntry("nominations:index", _("Hồ sơ đề nghị"), "folder_open", (UNIT_HEAD, COUNCIL, *LEADS, AUDITOR)),
        MenuEntry("nominations:lines", _("Danh sách đề nghị"), "list_alt", (UNIT_HEAD, COUNCIL, *LEADS, AUDITOR)),
        MenuEntry("nominations:sessions", _("Phiên họp Hội đồng"), "how_to_vote", (COUNCIL, *LEADS, AUDITOR)),
        MenuEntry("nominations:cycles", _("Đợt xét khen thưởng"), "event", (UNIT_HEAD, *LEADS, AUDITOR)),
        MenuEntry("nominations:fund", _("Quỹ thi đua, khen thưởng"), "savings", (*LEADS, AUDITOR)),
        MenuEntry("nominations:results", _("Khen thưởng của tôi"), "military_tech", (MEMBER,)),
        MenuEntry("nominations:initiatives", _("Sáng kiến"), "lightbulb", (MEMBER,)),
    )
    icon = "workspace_premium"
    app_name = "nominations"

    index_path = path("", DossierListView.as_view(), name="index")
    cycles_path = path("cycles/", CycleListView.as_view(), name="cycles")
    cycle_path = path("cycles/<int:pk>/", CycleEditView.as_view(), name="cycle")
    # Công khai (domain §4): the list posted to the agency's staff before the council meets.
    posting_path = path("cycles/<int:pk>/cong-khai/", PostingView.as_view(), name="posting")
    # Hiệp y / lấy ý kiến (docs/legal-basis.md §15): the requests for opinions and their answers, line by line.
    consultations_path = path("cycles/<int:pk>/hiep-y/", ConsultationsView.as_view(), name="consultations")
    # Cống hiến, niên hạn (docs/legal-basis.md §20): whom the service records suggest; the unit head confirms.
    service_candidates_path = path("cycles/<int:pk>/goi-y-thoi-gian-cong-tac/", ServiceCandidatesView.as_view(),
                                   name="service_candidates")
    # Sáng kiến (issue 21; docs/legal-basis.md §16): the author's đơn, the Hội đồng sáng kiến, the chief's decision.
    initiatives_path = path("sang-kien/", InitiativeListView.as_view(), name="initiatives")
    initiative_new_path = path("sang-kien/moi/", InitiativeNewView.as_view(), name="initiative_new")
    initiative_path = path("sang-kien/<int:pk>/", InitiativeDetailView.as_view(), name="initiative")
    initiative_council_path = path("sang-kien/hoi-dong/", InitiativeCouncilView.as_view(), name="initiative_council")
    dashboard_path = path("tong-quan/", DashboardView.as_view(), name="dashboard")
    dossier_path = path("dossiers/<int:pk>/", DossierDetailView.as_view(), name="dossier")
    attachment_path = path("files/<int:pk>/", AttachmentDownloadView.as_view(), name="attachment")
    sessions_path = path("sessions/", SessionListView.as_view(), name="sessions")
    session_path = path("sessions/<int:pk>/", SessionDetailView.as_view(), name="session")
    session_preview_path = path("sessions/<int:pk>/du-thao/<int:index>/", SessionPreviewView.as_view(),
                                name="session_preview")
    amend_path = path("decisions/<int:pk>/huy-bo-dinh-chinh/", AmendmentView.as_view(), name="amend")
    # Certificates of an issued in-house decision on the agency's blanks (docs/legal-basis.md §12).
    certificates_path = path("decisions/<int:pk>/giay-khen/", CertificatesView.as_view(), name="certificates")
    certificates_preview_path = path("decisions/<int:pk>/giay-khen/xem-truoc/", CertificatePreviewView.as_view(),
                                     name="certificates_preview")
    certificates_pdf_path = path("decisions/<int:pk>/giay-khen/pdf/", CertificatePdfView.as_view(),
                                 name="certificates_pdf")
    certificates_calibration_path = path("decisions/<int:pk>/giay-khen/can-chinh/",
                                         CertificateCalibrationView.as_view(), name="certificates_calibration")
    payouts_path = path("decisions/<int:pk>/tien-thuong/", PayoutListView.as_view(), name="payouts")
    payouts_pdf_path = path("decisions/<int:pk>/tien-thuong/pdf/", PayoutPdfView.as_view(), name="payouts_pdf")
    payouts_xlsx_path = path("decisions/<int:pk>/tien-thuong/xlsx/", PayoutXlsxView.as_view(), name="payouts_xlsx")
    fund_path = path("quy-thi-dua-khen-thuong/", FundView.as_view(), name="fund")
    results_path = path("khen-thuong/", ResultsView.as_view(), name="results")
    lines_path = path("danh-sach-de-nghi/", LineListView.as_view(), name="lines")
class PledgesApplication(Application):
    """Đăng ký thi đua (domain §6): registrations of units and of the agency, movements, blocs."""

    title = _("Đăng ký thi đua")
    menu_template_name = None
    menu_entries = (MenuEntry("pledges:index", _("Đăng ký thi đua"), "how_to_reg", (MEMBER,)),)
    icon = "how_to_reg"
    app_name = "pledges"

    index_path = path("", PledgeIndexView.as_view(), name="index")
    detail_path = path("<int:pk>/", PledgeDetailView.as_view(), name="detail")
    pdf_path = path("<int:pk>/pdf/", PledgePdfView.as_view(), name="pdf")
    agency_path = path("co-quan/<int:pk>/", AgencyPledgeView.as_view(), name="agency")
    movements_path = path("phong-trao/", MovementListView.as_view(), name="movements")
    bloc_path = path("khoi/<int:pk>/", BlocView.as_view(), name="bloc")
    # The bloc's year: giao ước, self-assessments, ranking, vote, Tờ trình (issue 21).
    bloc_year_path = path("khoi/<int:pk>/nam/<int:year>/", BlocYearView.as_view(), name="bloc_year")
    bloc_assessment_path = path("khoi/<int:pk>/nam/<int:year>/tu-cham/<int:member>/", BlocAssessmentView.as_view(),
                                name="bloc_assessment")


class ReportsApplication(Application):
    """Báo cáo tổng kết thi đua, khen thưởng (domain §7): the reports, one report, one unit's section."""

    title = _("Báo cáo tổng kết")
    # No child viewsets: without this the drawer printed viewflow's red "No viewsets found…" to everyone.
    menu_template_name = None
    menu_entries = (MenuEntry("reports:index", _("Báo cáo tổng kết"), "summarize",
                              (UNIT_HEAD, *LEADS, AUDITOR, HOME_AFFAIRS)),
                    MenuEntry("reports:statistics", _("Biểu thống kê Bộ Nội vụ"), "table_chart", (*LEADS, AUDITOR)))
    icon = "summarize"
    app_name = "reports"

    index_path = path("", ReportIndexView.as_view(), name="index")
    detail_path = path("<int:pk>/", ReportDetailView.as_view(), name="detail")
    section_path = path("phan/<int:pk>/", SectionDetailView.as_view(), name="section")
    statistics_path = path("bieu-thong-ke/", StatisticsView.as_view(), name="statistics")


class RecordsApplication(Application):
    """Tra cứu khen thưởng: the awards registry of every agency in the reader's scope, and the record of a person
    or a unit (nominations.selectors.records.registry_scope says who may search what)."""

    title = _("Tra cứu khen thưởng")
    menu_template_name = None
    menu_entries = (MenuEntry("records:index", _("Tra cứu khen thưởng"), "manage_search",
                              (UNIT_HEAD, COUNCIL, *LEADS, AUDITOR, HOME_AFFAIRS)),)
    icon = "manage_search"
    app_name = "records"

    index_path = path("", RecordSearchView.as_view(), name="index")
    person_path = path("ca-nhan/<int:pk>/", PersonRecordView.as_view(), name="person")
    unit_path = path("tap-the/<int:pk>/", UnitRecordView.as_view(), name="unit")
