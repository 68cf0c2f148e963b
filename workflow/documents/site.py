"""The "Văn bản" application of the viewflow site: the document register."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from workflow.menu import MEMBER, MenuEntry

from . import views


class DocumentsApplication(Application):
    title = _("Văn bản")
    menu_template_name = None
    # Everyone may be named in a Quyết định (documents_for_user), so everyone has the register.
    menu_entries = (MenuEntry("documents:index", _("Văn bản"), "description", (MEMBER,)),)
    icon = "description"
    app_name = "documents"

    index_path = path("", views.DocumentListView.as_view(), name="index")
    detail_path = path("<int:pk>/", views.DocumentDetailView.as_view(), name="detail")
    download_path = path("<int:pk>/pdf/", views.DocumentDownloadView.as_view(), name="download")
    edxml_path = path("<int:pk>/edxml/", views.DocumentEdxmlDownloadView.as_view(), name="edxml_download")
    draft_path = path("<int:pk>/du-thao/", views.DocumentDraftView.as_view(), name="draft")
    sign_path = path("<int:pk>/ky/", views.DocumentSignView.as_view(), name="sign")
    retry_path = path("<int:pk>/tao-lai/", views.DocumentRetryView.as_view(), name="retry")
