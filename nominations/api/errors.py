"""Every error of the API as an RFC 9457 problem details body (``application/problem+json``).

``title`` names the kind of problem in the caller's language (Vietnamese unless ``Accept-Language`` asks for
English), ``detail`` says what happened, ``status`` repeats the HTTP status, ``instance`` is the path asked; a
request with invalid input adds ``errors`` (field → messages). A forbidden object answers exactly as a missing
one: 404 with the same title and detail.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response

PROBLEM_JSON = "application/problem+json"


class Conflict(exceptions.APIException):
    """What is asked cannot be done with the data as it stands: an agency without its mã định danh điện tử, a Tờ
    trình not waiting for Sở Nội vụ's answer. The detail says what is missing or in which state it is."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def _titles() -> dict[int, str]:
    return {
        status.HTTP_400_BAD_REQUEST: _("Dữ liệu gửi lên không hợp lệ"),
        status.HTTP_401_UNAUTHORIZED: _("Chưa xác thực"),
        status.HTTP_403_FORBIDDEN: _("Không có quyền thực hiện"),
        status.HTTP_404_NOT_FOUND: _("Không tìm thấy"),
        status.HTTP_405_METHOD_NOT_ALLOWED: _("Phương thức không được hỗ trợ"),
        status.HTTP_406_NOT_ACCEPTABLE: _("Không trả được định dạng yêu cầu"),
        status.HTTP_409_CONFLICT: _("Chưa thực hiện được với dữ liệu hiện có"),
        status.HTTP_415_UNSUPPORTED_MEDIA_TYPE: _("Định dạng dữ liệu không được hỗ trợ"),
        status.HTTP_429_TOO_MANY_REQUESTS: _("Gọi quá nhiều lần"),
    }


def _detail(exc: exceptions.APIException) -> str:  # noqa: PLR0911 - one answer per kind of problem
    if isinstance(exc, exceptions.NotFound):
        return _("Không có đối tượng này, hoặc hệ thống của bạn không có quyền xem.")
    if isinstance(exc, exceptions.NotAuthenticated):
        return _("Gửi kèm mã truy cập trong tiêu đề “Authorization: Bearer <mã truy cập>”.")
    if isinstance(exc, exceptions.Throttled):
        return _("Hệ thống của bạn đã gọi quá số lần cho phép; thử lại sau %(seconds)s giây.") % {
            "seconds": int(exc.wait or 1)}
    if isinstance(exc, exceptions.MethodNotAllowed):
        return _("Địa chỉ này không nhận phương thức %(method)s.") % {"method": exc.args[0] if exc.args else ""}
    if isinstance(exc, exceptions.ValidationError):
        return _("Kiểm tra lại các trường được nêu trong “errors”.")
    if isinstance(exc, exceptions.PermissionDenied):
        return str(exc.detail) if str(exc.detail) != str(exceptions.PermissionDenied.default_detail) else _(
            "Tài khoản dịch vụ của hệ thống không có vai trò cho thao tác này.")
    return str(exc.detail)


def problem(*, status_code: int, detail: str, instance: str = "", errors: dict | None = None,
            headers: dict | None = None) -> Response:
    body = {"type": "about:blank", "title": _titles().get(status_code, _("Lỗi")), "status": status_code,
            "detail": detail}
    if instance:
        body["instance"] = instance
    if errors is not None:
        body["errors"] = errors
    return Response(body, status=status_code, headers=headers, content_type=PROBLEM_JSON)


def problem_handler(exc, context) -> Response | None:
    """DRF's exception handler: Django's 404 and PermissionDenied too; anything else is left to a 500."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    if not isinstance(exc, exceptions.APIException):
        return None
    request = context.get("request")
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))
    errors = None
    if isinstance(exc, exceptions.ValidationError):
        errors = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
    return problem(status_code=exc.status_code, detail=_detail(exc), instance=request.path if request else "",
                   errors=errors, headers=headers)
