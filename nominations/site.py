"""The award domain's pages in the viewflow site shell."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from .views import CheckView, ImportView


class EligibilityApplication(Application):
    title = _("Xét điều kiện khen thưởng")
    icon = "fact_check"
    app_name = "eligibility"

    index_path = path("", CheckView.as_view(), name="index")
    import_path = path("import/", ImportView.as_view(), name="import")
