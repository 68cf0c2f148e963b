"""``django.contrib.admin`` with the project's site (``workflow.admin_site.AdminSite``) as ``admin.site``; its own
module so that settings load it before any model exists."""

from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    default_site = "workflow.admin_site.AdminSite"
