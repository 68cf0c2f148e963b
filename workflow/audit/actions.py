"""The vocabulary of the audit log: action codes and their Vietnamese labels.

The engine registers the actions of the issue's list (generic names, so every flow can use
them); a domain app registers its own in ``AppConfig.ready()`` with ``register_action``.
``audit_record`` refuses an unregistered code, so a typo cannot scatter one action over two
names that no search would join.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

_actions: dict[str, Promise | str] = {}


def register_action(code: str, label: Promise | str) -> str:
    """Make ``code`` a known action; registering the same code twice must give the same label."""
    if not code or len(code) > 60 or code != code.strip().lower():
        raise ValueError(f"Audit action code must be short, lower-case and trimmed: {code!r}")
    existing = _actions.get(code)
    if existing is not None and str(existing) != str(label):
        raise ValueError(f"Audit action {code!r} is already registered with another label.")
    _actions[code] = label
    return code


def is_registered(code: str) -> bool:
    return code in _actions


def action_label(code: str) -> str:
    """The Vietnamese (or current language's) label; an unknown code prints as itself."""
    label = _actions.get(code)
    return str(label) if label is not None else code


def action_choices() -> list[tuple[str, str]]:
    """Codes and labels for a filter, sorted by label."""
    return sorted(((code, str(label)) for code, label in _actions.items()), key=lambda pair: pair[1])


class Action:
    """Codes of the engine; domain apps may reuse them or register more specific ones."""

    CREATED = register_action("object.created", _("Tạo mới"))
    UPDATED = register_action("object.updated", _("Sửa đổi"))
    SUBMITTED = register_action("object.submitted", _("Trình, gửi lên"))
    RETURNED = register_action("object.returned", _("Trả lại để bổ sung"))
    ACCEPTED = register_action("object.accepted", _("Tiếp nhận, chấp nhận"))
    REJECTED = register_action("object.rejected", _("Từ chối"))
    VOTED = register_action("ballot.cast", _("Bỏ phiếu, biểu quyết"))
    TALLIED = register_action("ballot.tallied", _("Kiểm phiếu"))
    APPROVED = register_action("object.approved", _("Phê duyệt"))
    SIGNED = register_action("document.signed", _("Ký văn bản"))
    ISSUED = register_action("document.issued", _("Ban hành văn bản (cấp số)"))
    SENT = register_action("object.sent", _("Gửi đi"))
    ACKNOWLEDGED = register_action("object.acknowledged", _("Xác nhận đã nhận"))
    HOME_AFFAIRS_ACCEPTED = register_action("home_affairs.accepted", _("Sở Nội vụ chấp nhận"))
    HOME_AFFAIRS_RETURNED = register_action("home_affairs.returned", _("Sở Nội vụ trả lại"))
    HOME_AFFAIRS_REJECTED = register_action("home_affairs.rejected", _("Sở Nội vụ từ chối"))
    FLOW_STARTED = register_action("flow.started", _("Bắt đầu quy trình"))
    FLOW_FINISHED = register_action("flow.finished", _("Kết thúc quy trình"))
    TASK_ASSIGNED = register_action("task.assigned", _("Nhận việc"))
    TASK_REASSIGNED = register_action("task.reassigned", _("Chuyển việc cho người khác"))
    TASK_UNASSIGNED = register_action("task.unassigned", _("Trả việc về hàng chờ"))
    TASK_UNDONE = register_action("task.undone", _("Hoàn tác bước quy trình"))
    TASK_CANCELLED = register_action("task.cancelled", _("Hủy bước quy trình"))
    TASK_REVIVED = register_action("task.revived", _("Khôi phục bước quy trình"))
    ROLE_GRANTED = register_action("role.granted", _("Giao vai trò"))
    ROLE_REVOKED = register_action("role.revoked", _("Thu hồi vai trò"))
    PERMISSION_GRANTED = register_action("permission.granted", _("Cấp quyền"))
    PERMISSION_REVOKED = register_action("permission.revoked", _("Thu hồi quyền"))
    LOGIN = register_action("auth.login", _("Đăng nhập"))
    LOGIN_FAILED = register_action("auth.login_failed", _("Đăng nhập không thành công"))
    LOGOUT = register_action("auth.logout", _("Đăng xuất"))
    AUDITOR_WRITE_REFUSED = register_action("audit.write_refused", _("Từ chối thao tác ghi của kiểm tra viên"))
    AUDIT_EXPORTED = register_action("audit.exported", _("Xuất nhật ký kiểm tra"))
    API_CLIENT_CHANGED = register_action("api.client_changed", _("Đăng ký, bật, tắt hệ thống kết nối (API)"))
    API_TOKEN_ISSUED = register_action("api.token_issued", _("Cấp mã truy cập API"))
