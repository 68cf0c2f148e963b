"""The auditor's account is read-only: every write request is refused, and the refusal logged.

Design §5: "every POST by an auditor is refused". The check runs only on unsafe methods, so
reading costs nothing. Signing out and switching the language are not changes to the record
and stay allowed (otherwise an auditor could not leave); nor is asking for a background export
of the log, which the GET export already allows.
"""

from __future__ import annotations

from django.http import HttpResponseForbidden
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse

from .actions import Action
from .selectors import is_auditor
from .services import audit_record

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
ALLOWED_URL_NAMES = ("logout", "set_language", "audit:export_job")  # an export job changes no record


def _allowed_paths() -> set[str]:
    paths = set()
    for name in ALLOWED_URL_NAMES:
        try:
            paths.add(reverse(name))
        except NoReverseMatch:
            continue
    return paths


class AuditorReadOnlyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in SAFE_METHODS:
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path in _allowed_paths():
            return self.get_response(request)
        if not is_auditor(user):
            return self.get_response(request)
        audit_record(
            actor=user,
            action=Action.AUDITOR_WRITE_REFUSED,
            agency=user.agency,
            changes={"method": request.method, "path": request.path[:500]},
        )
        return HttpResponseForbidden(render_to_string("workflow/audit/refused.html", request=request))
