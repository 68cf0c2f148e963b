"""The project's admin site: an object the administrator may not read answers exactly like a missing one.

Django's own pages look the object up before they check the permission (the history page: a redirect to the
index for a missing id, 403 for an existing one; simple-history's: 404 and 403), so an administrator could tell
which ids of an unreadable model exist. Here every page of one object (change, delete, history, a history
version, "view on site") of a model whose admin the person may neither view nor change answers 404 before
anything is looked up — for every registered model, ours and the libraries' (viewflow's processes and tasks,
auth groups, axes logs). Models the administrator manages keep Django's answers.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import admin
from django.contrib.contenttypes import views as contenttype_views
from django.contrib.contenttypes.models import ContentType
from django.http import Http404


class AdminSite(admin.AdminSite):
    def admin_view(self, view, cacheable=False):
        model_admin = getattr(view, "__self__", None)
        if isinstance(model_admin, admin.ModelAdmin):
            view = self._unreadable_looks_missing(view, lambda request, kwargs: model_admin)
        elif view is contenttype_views.shortcut:
            view = self._unreadable_looks_missing(view, self._admin_of_content_type)
        return super().admin_view(view, cacheable)

    def _admin_of_content_type(self, request, kwargs) -> admin.ModelAdmin | None:
        try:
            model = ContentType.objects.get_for_id(int(kwargs["content_type_id"])).model_class()
        except (ContentType.DoesNotExist, KeyError, ValueError):
            return None
        return self._registry.get(model)

    @staticmethod
    def _unreadable_looks_missing(view, admin_of):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if kwargs.get("object_id") is not None or args:  # simple-history's version page passes it by position
                model_admin = admin_of(request, kwargs)
                if model_admin is None or not model_admin.has_view_or_change_permission(request):
                    raise Http404
            return view(request, *args, **kwargs)

        return guarded

