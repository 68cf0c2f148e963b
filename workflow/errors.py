"""403, 404 and 500 in the site's shell, in Vietnamese, with a way back (``handler403/404/500``).

viewflow's own pages said "Django Material" and offered only "Log in as another user"; with DEBUG
on, a 404 raised by one of our pages was Django's English technical page. Here:

- 403 and 404 render ``403.html`` / ``404.html`` in the shell (menu, language switch) with a link to
  the desk and, when the person came from a page of this site, back to it. A path that matched no
  page has no site attached: the desk's is borrowed so the menu is there.
- 500 renders ``500.html``, a page with no menu and no database access (the database may be why).
- ``DebugNotFoundMiddleware``: with DEBUG on, a 404 raised by a page that exists (a selector's "missing
  or forbidden") gets the same page as in production; an address that matches nothing still gets
  Django's technical page, which lists the URL patterns a developer wants to see.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotFound
from django.template import loader
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import requires_csrf_token


def _in_shell(request: HttpRequest) -> None:
    match = getattr(request, "resolver_match", None)
    if match is not None and getattr(match, "site", None):
        return
    try:
        desk = resolve("/home/")
    except Resolver404:
        return
    extra = getattr(desk.url_name, "extra", {})
    for name, value in extra.items():
        setattr(desk, name, value)
    request.resolver_match = desk


def _back_url(request: HttpRequest) -> str:
    referer = request.headers.get("referer", "")
    if referer and referer != request.build_absolute_uri() and url_has_allowed_host_and_scheme(
            referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return referer
    return ""


def _render(request: HttpRequest, template: str, status: int, reason: str = "") -> HttpResponse:
    _in_shell(request)
    context = {"back_url": _back_url(request), "request_path": request.path, "reason": reason}
    return HttpResponse(loader.render_to_string(template, context, request), status=status)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    """The refusal's own words when it has them ("Việc này đang do người khác xử lý; …"): the person
    learns why, not only that."""
    return _render(request, "403.html", 403, reason=str(exception or ""))


@requires_csrf_token
def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return _render(request, "404.html", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return HttpResponse(loader.get_template("500.html").render(), status=500)


class DebugNotFoundMiddleware:
    """With DEBUG on, our pages' own 404s look as in production (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if settings.DEBUG and isinstance(exception, Http404) and not isinstance(exception, Resolver404) \
                and getattr(request, "resolver_match", None) is not None:
            response = page_not_found(request, exception)
            return HttpResponseNotFound(response.content)
        return None
