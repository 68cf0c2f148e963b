"""The viewflow Material site: the shell every page of the product lives in."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from accounts.roles import Role

from .delegation import views as delegation_views
from .diagrams import ProcessDiagramView
from .jobs import views as job_views
from .menu import MEMBER, MenuEntry
from .notifications.views import NotificationSettingsView
from .views import HomeView, InboxView


class HomeApplication(Application):
    title = _("Bàn làm việc")
    icon = "home"
    app_name = "home"
    menu_template_name = None
    menu_entries = (
        MenuEntry("home:index", _("Bàn làm việc"), "home", (MEMBER, Role.ADMINISTRATOR)),
        MenuEntry("admin:index", _("Quản trị hệ thống"), "admin_panel_settings", (Role.ADMINISTRATOR,)),
        MenuEntry("home:jobs", _("Nhập, xuất dữ liệu"), "import_export", (Role.ADMINISTRATOR,)),
    )

    index_path = path("", HomeView.as_view(), name="index")
    inbox_path = path("viec-cua-toi/", InboxView.as_view(), name="inbox")
    delegations_path = path("uy-quyen/", delegation_views.DelegationListView.as_view(), name="delegations")
    delegation_revoke_path = path(
        "uy-quyen/<int:pk>/thu-hoi/", delegation_views.DelegationRevokeView.as_view(), name="delegation_revoke"
    )
    task_reassign_path = path(
        "cong-viec/<int:pk>/chuyen/", delegation_views.TaskReassignView.as_view(), name="task_reassign"
    )
    notification_settings_path = path("thong-bao/", NotificationSettingsView.as_view(), name="notification_settings")
    process_diagram_path = path(
        "quy-trinh/<int:process_pk>/so-do/", ProcessDiagramView.as_view(), name="process_diagram"
    )
    jobs_path = path("nhap-xuat/", job_views.JobListView.as_view(), name="jobs")
    job_path = path("nhap-xuat/<int:pk>/", job_views.JobDetailView.as_view(), name="job")
    job_status_path = path("nhap-xuat/<int:pk>/trang-thai/", job_views.JobStatusView.as_view(), name="job_status")
    job_download_path = path("nhap-xuat/<int:pk>/tai-ve/", job_views.JobDownloadView.as_view(), name="job_download")
    people_import_path = path("nhap-xuat/nhap-nguoi-dung/", job_views.PeopleImportView.as_view(), name="people_import")
    people_export_path = path("nhap-xuat/xuat-nguoi-dung/", job_views.PeopleExportView.as_view(), name="people_export")
