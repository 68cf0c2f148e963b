"""The viewflow Material site: the shell every page of the product lives in."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from .views import HomeView


class HomeApplication(Application):
    title = _("Bàn làm việc")
    icon = "home"
    app_name = "home"
    menu_template_name = None

    index_path = path("", HomeView.as_view(), name="index")
