"""One object's whole story for the auditor: audit events, field diffs and flow steps, merged.

- audit events recorded on the object (who, what, why, before/after);
- simple-history records, as field-by-field differences labelled with the fields'
  Vietnamese ``verbose_name`` (secret-ballot fields never appear; a secret model shows that
  it changed, not how);
- viewflow tasks, when the object is a process or the artifact of one.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from viewflow.workflow.models import Process, Task

from accounts.models import User

from . import secrets
from .actions import action_label
from .agency import agency_of
from .models import AuditEvent
from .selectors import audited_agencies

# Labels of the keys the engine itself writes into ``changes``.
ENGINE_KEYS = {
    "task": gettext_lazy("Việc"),
    "node": gettext_lazy("Bước"),
    "status": gettext_lazy("Trạng thái"),
    "owner": gettext_lazy("Người nhận việc"),
    "flow": gettext_lazy("Quy trình"),
    "username": gettext_lazy("Tên đăng nhập"),
    "user": gettext_lazy("Người"),
    "role": gettext_lazy("Vai trò"),
    "permission": gettext_lazy("Quyền"),
    "scope": gettext_lazy("Phạm vi"),
    "council_position": gettext_lazy("Chức danh trong Hội đồng"),
    "path": gettext_lazy("Đường dẫn"),
    "method": gettext_lazy("Phương thức"),
    "filters": gettext_lazy("Bộ lọc"),
    "rows": gettext_lazy("Số dòng"),
    "format": gettext_lazy("Định dạng"),
}

EMPTY = "—"


@dataclass
class Detail:
    label: str
    before: str = ""
    after: str = ""
    single: bool = False


@dataclass
class Entry:
    at: dt.datetime
    kind: str  # "event", "change", "task"
    title: str
    actor: str = ""
    on_behalf_of: str = ""
    reason: str = ""
    details: list[Detail] = field(default_factory=list)
    reference: str = ""
    order: int = 0


@dataclass
class Timeline:
    content_type: ContentType
    object_id: str
    title: str
    entries: list[Entry]
    exists: bool
    log_only: bool = False


def _person(user: User | None) -> str:
    if user is None:
        return ""
    return user.full_name or user.username


def _label(model: type[models.Model] | None, name: str) -> str:
    if model is not None:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            pass
        else:
            if field.auto_created and not field.concrete:  # a reverse relation, e.g. a dossier's lines
                return str(field.related_model._meta.verbose_name_plural)
            return str(field.verbose_name)
    return str(ENGINE_KEYS.get(name, name))


def _text(value) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, dt.datetime):
        return formats.date_format(timezone.localtime(value), "d/m/Y H:i")
    if isinstance(value, dt.date):
        return formats.date_format(value, "d/m/Y")
    if isinstance(value, list | tuple):
        return ", ".join(_text(item) for item in value)
    return str(value)


JSON_SHOWN = 160


def _json_text(value) -> str:
    """Structured data (a document's rendering context) as its start, not a page of Python repr; keys
    sorted, as PostgreSQL's jsonb keeps no order of its own."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return text if len(text) <= JSON_SHOWN else text[: JSON_SHOWN - 1] + "…"


def _event_entries(events: list[AuditEvent], model: type[models.Model] | None) -> list[Entry]:
    entries = []
    for event in events:
        details = []
        for key, value in secrets.strip_secrets(model, event.changes or {}).items():
            if isinstance(value, list) and len(value) == 2:
                details.append(Detail(_label(model, key), _text(value[0]), _text(value[1])))
            else:
                details.append(Detail(_label(model, key), after=_text(value), single=True))
        entries.append(Entry(
            at=event.created_at, kind="event", title=action_label(event.action), actor=_person(event.actor),
            on_behalf_of=_person(event.on_behalf_of), reason=event.reason, details=details,
            reference=f"#{event.seq}", order=0,
        ))
    return entries


class _FieldDisplay:
    """Human values of a model's fields: choice labels, related objects' names (looked up once)."""

    def __init__(self, model: type[models.Model], records: list):
        self.model = model
        self.fields = {
            f.attname: f for f in model._meta.concrete_fields
            if f.editable and not f.primary_key and not secrets.is_secret_field(model, f.name)
        }
        self.related: dict[str, dict] = {}
        for attname, model_field in self.fields.items():
            if model_field.is_relation:
                ids = {getattr(record, attname) for record in records} - {None}
                target = model_field.related_model._default_manager
                self.related[attname] = target.in_bulk(list(ids)) if ids else {}

    def label(self, attname: str) -> str:
        return str(self.fields[attname].verbose_name)

    def value(self, attname: str, raw) -> str:
        model_field = self.fields[attname]
        if raw is None or raw == "":
            return EMPTY
        if model_field.is_relation:
            related = self.related.get(attname, {}).get(raw)
            return str(related) if related is not None else f"#{raw}"
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(raw, raw))
        if isinstance(model_field, models.JSONField):
            return _json_text(raw)
        return _text(raw)


def history_entries(obj: models.Model) -> list[Entry]:
    """The object's simple-history records as entries that say what changed, oldest first; a save
    that changed no field a person sees is left out."""
    manager = getattr(type(obj), "history", None)
    if manager is None or not hasattr(obj, "history"):
        return []
    records = list(obj.history.all().select_related("history_user").order_by("history_date", "history_id"))
    if not records:
        return []
    model = type(obj)
    secret_model = secrets.is_secret_model(model)
    display = _FieldDisplay(model, records)
    titles = {"+": _("Tạo bản ghi"), "~": _("Sửa bản ghi"), "-": _("Xóa bản ghi")}
    entries, previous = [], None
    for record in records:
        details = []
        if not secret_model:
            for attname in display.fields:
                after = getattr(record, attname, None)
                before = getattr(previous, attname, None) if previous is not None else None
                if previous is not None and before == after:
                    continue
                if previous is None and (after is None or after == ""):
                    continue
                details.append(Detail(
                    display.label(attname),
                    "" if previous is None else display.value(attname, before),
                    display.value(attname, after),
                    single=previous is None,
                ))
        title = titles.get(record.history_type, _("Sửa bản ghi"))
        if secret_model:
            title = _("%(title)s (nội dung bỏ phiếu kín, không hiển thị)") % {"title": title}
        if details or previous is None or secret_model or record.history_type == "-":
            entries.append(Entry(
                at=record.history_date, kind="change", title=title, actor=_person(record.history_user),
                reason=record.history_change_reason or "", details=details,
                reference=_("phiên bản %(id)s") % {"id": record.history_id}, order=1,
            ))
        previous = record
    return entries


def _task_entries(obj: models.Model, content_type: ContentType) -> list[Entry]:
    processes = []
    if isinstance(obj, Process):
        processes.append(obj.pk)
    elif isinstance(obj.pk, int):
        processes.extend(Process.objects.filter(
            artifact_content_type=content_type, artifact_object_id=obj.pk,
        ).values_list("pk", flat=True))
    if not processes:
        return []
    entries = []
    tasks = Task.objects.filter(process__in=processes).select_related("owner").order_by("created", "pk")
    for task in tasks:
        node = str(task.flow_task.task_title or task.flow_task.name) if task.flow_task else str(task.flow_task_type)
        details = [Detail(_("Trạng thái"), after=task.get_status_display(), single=True)]
        if task.finished:
            details.append(Detail(_("Hoàn thành lúc"), after=_text(task.finished), single=True))
        entries.append(Entry(
            at=task.created, kind="task", title=_("Bước quy trình: %(node)s") % {"node": node},
            actor=_person(task.owner), details=details, reference=_("việc %(id)s") % {"id": task.pk}, order=2,
        ))
    return entries


def get_timeline_for_user(user: User, content_type_id: int, object_id: str) -> Timeline:
    """The object's timeline, or 404 alike when it is missing or outside the auditor's scope.

    An object of another agency that the audited agency's log names (a person of the provincial
    inspectorate given a role at the Office) shows only those events: the log links to it, and the
    object's own history stays its agency's.
    """
    content_type = ContentType.objects.filter(pk=content_type_id).first()
    model = content_type.model_class() if content_type is not None else None
    if model is None:
        raise Http404
    try:
        obj = model._default_manager.filter(pk=object_id).first()
    except (ValueError, TypeError, ValidationError):
        raise Http404 from None
    in_scope = set(audited_agencies(user).values_list("pk", flat=True))
    events = list(AuditEvent.objects.filter(content_type=content_type, object_id=str(object_id), agency__in=in_scope)
                  .select_related("actor", "on_behalf_of").order_by("seq"))
    agency = agency_of(obj) if obj is not None else None
    readable = agency is not None and agency.pk in in_scope
    if not readable and not events:
        raise Http404
    entries = _event_entries(events, model)
    if readable:
        entries += history_entries(obj)
        entries += _task_entries(obj, content_type)
    entries.sort(key=lambda entry: (entry.at, entry.order))
    if not readable:
        title = events[-1].object_repr
    elif secrets.is_secret_model(model):
        title = f"{model._meta.verbose_name} #{obj.pk}"
    else:
        title = str(obj)
    return Timeline(content_type=content_type, object_id=str(object_id), title=title, entries=entries,
                    exists=obj is not None, log_only=obj is not None and not readable)
