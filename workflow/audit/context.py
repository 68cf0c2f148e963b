"""Who is asking, from where: the request id, IP and user of the current request (and the API client's name).

``RequestContextMiddleware`` puts them in a context variable so that ``audit_record`` (and
the viewflow receivers, which get no request) can stamp every event without each service
passing the request down. Outside a request (commands, Celery) the context is empty.
"""

from __future__ import annotations

import contextvars
import ipaddress
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings

_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    ip: str | None = None
    user_getter: Callable[[], object] | None = None
    # The name of the other system calling the API (``request.api_client``, set by the API's authentication): every
    # event of the call names it beside the service account that acts.
    api_client_getter: Callable[[], str | None] | None = None

    @property
    def api_client(self) -> str | None:
        return self.api_client_getter() if self.api_client_getter is not None else None

    @property
    def user(self):
        """The signed-in person of the request, or None (read lazily: auth runs later)."""
        if self.user_getter is None:
            return None
        user = self.user_getter()
        return user if getattr(user, "is_authenticated", False) else None


NO_REQUEST = RequestContext()
_current: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar("audit_request", default=None)


def current() -> RequestContext:
    return _current.get() or NO_REQUEST


def client_ip(request) -> str | None:
    """REMOTE_ADDR, or the header named by ``AUDIT_CLIENT_IP_HEADER`` behind a trusted proxy."""
    header = getattr(settings, "AUDIT_CLIENT_IP_HEADER", None)
    value = request.META.get(header, "") if header else ""
    value = value.split(",")[0].strip() or request.META.get("REMOTE_ADDR", "")
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def request_id_for(request) -> str:
    """The proxy's X-Request-ID when it looks sane (to join logs), else a fresh one."""
    given = request.META.get("HTTP_X_REQUEST_ID", "")
    return given if _REQUEST_ID_RE.match(given) else uuid.uuid4().hex


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        context = RequestContext(
            request_id=request_id_for(request),
            ip=client_ip(request),
            user_getter=lambda: getattr(request, "user", None),
            api_client_getter=lambda: getattr(request, "api_client", None),
        )
        request.audit_request_id = context.request_id
        token = _current.set(context)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response.headers.setdefault("X-Request-ID", context.request_id)
        return response
