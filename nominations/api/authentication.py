"""Who calls: ``Authorization: Bearer <token>``, looked up by its SHA-256 among active clients."""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.throttling import SimpleRateThrottle

from accounts.models import ApiClient
from accounts.services import api_token_hash
from workflow.audit import Action, audit_record
from workflow.audit.selectors import is_auditor

KEYWORD = b"bearer"
# ``last_used_at`` is written at most this often per client: a read must not write a row on every call.
TOUCH_EVERY = dt.timedelta(minutes=1)

access_log = logging.getLogger("api.access")


class ApiTokenAuthentication(BaseAuthentication):
    """The client's service account becomes ``request.user``; the client is ``request.auth``."""

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != KEYWORD:
            return None
        if len(parts) != 2:  # noqa: PLR2004 - "Bearer" and the token
            raise exceptions.AuthenticationFailed(_("Tiêu đề Authorization phải có dạng “Bearer <mã truy cập>”."))
        try:
            token = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Mã truy cập không hợp lệ.")) from None
        client = (ApiClient.objects.select_related("user__unit__agency")
                  .filter(token_hash=api_token_hash(token), is_active=True, user__is_active=True).first())
        if client is None or not client.token_hash:
            raise exceptions.AuthenticationFailed(_("Mã truy cập không hợp lệ hoặc đã bị thu hồi."))
        now = timezone.now()
        if client.last_used_at is None or now - client.last_used_at > TOUCH_EVERY:
            # last_used_at is no change of the client: history excludes it, and the sweep's GETs add no row
            ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)  # audit: bulk-ok not in history
        # The audit context (workflow.audit.context) names the client in every event the call writes
        request._request.api_client = client.name
        return client.user, client

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'


class AuditorsReadOnly(BasePermission):
    """An auditor's account is read-only on the API as on the site (workflow.audit.middleware): a write is refused
    before anything is looked up, and the refusal is logged."""

    message = _("Tài khoản kiểm tra, giám sát chỉ được đọc.")

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS or not is_auditor(request.user):
            return True
        audit_record(actor=request.user, action=Action.AUDITOR_WRITE_REFUSED, agency=request.user.agency,
                     changes={"method": request.method, "path": request.path[:500]})
        return False


class ApiClientRateThrottle(SimpleRateThrottle):
    """Calls per client (settings ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["api_client"]``)."""

    scope = "api_client"

    def get_cache_key(self, request, view):
        client = request.auth
        if isinstance(client, ApiClient):
            return self.cache_format % {"scope": self.scope, "ident": client.pk}
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
