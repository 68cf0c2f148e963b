"""Walking every URL pattern of the project and asking it as one role: the machinery of the matrix."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from viewflow.workflow.models import Task

from .dataset import MISSING, Dataset

FLOW_NAMESPACES = ("dossier", "council", "homeaffairs", "pledge", "agencypledge", "annualreport")
# URL name → the dataset's kind of object its ``pk`` is.
OBJECT_OF = {
    "home:delegation_revoke": "delegation", "home:task_reassign": "task", "home:process_diagram": "process",
    "pledges:detail": "pledge", "pledges:pdf": "pledge", "pledges:agency": "agency_pledge", "pledges:bloc": "bloc",
    "nominations:dossier": "dossier", "nominations:attachment": "attachment", "nominations:session": "session",
    "nominations:cycle": "cycle", "nominations:posting": "cycle", "public_posting": "cycle",
    "nominations:consultations": "cycle", "nominations:service_candidates": "service_cycle",
    "nominations:amend": "document",
    "nominations:certificates": "document", "nominations:certificates_preview": "document",
    "nominations:certificates_pdf": "document", "nominations:certificates_calibration": "document",
    "nominations:payouts": "document", "nominations:payouts_pdf": "document", "nominations:payouts_xlsx": "document",
    "documents:detail": "document", "documents:download": "document", "documents:draft": "document",
    "documents:edxml_download": "document",
    "documents:sign": "document", "documents:retry": "document",
    "reports:detail": "report", "reports:section": "report_section",
    "home:job": "job", "home:job_status": "job", "home:job_download": "job",
    "records:person": "record_person", "records:unit": "record_unit",
    "nominations:initiative": "initiative",
    "api:cycle-detail": "cycle", "api:dossier-detail": "dossier", "api:decision-detail": "document",
    "api:decision-pdf": "document", "api:decision-edxml-download": "document",
    "api:submission-detail": "submission", "api:submission-pdf": "submission",
    "api:submission-answer": "submission",
}
KEYS = ("a", "b", "other", "missing")


@dataclass(frozen=True)
class Pattern:
    name: str  # "namespace:…:name"
    route: str
    pattern: URLPattern


def all_patterns() -> list[Pattern]:
    found: list[Pattern] = []

    def walk(resolver: URLResolver, prefix: str, namespace: str) -> None:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else (
                    entry.namespace or namespace)
                walk(entry, prefix + str(entry.pattern), inner)
            else:
                # An unnamed pattern is named by its own route ("admin:<path:object_id>/"): the admin has two
                # kinds, a model's old-style change address and its catch-all, which answer differently.
                own = entry.name or f"<{entry.pattern}>"
                name = f"{namespace}:{own}" if namespace else (entry.name or "")
                found.append(Pattern(name=name or prefix + str(entry.pattern), route=prefix + str(entry.pattern),
                                     pattern=entry))

    walk(get_resolver(), "", "")
    return found


def _keywords(pattern: Pattern) -> set[str]:
    route = pattern.pattern.pattern
    return set(getattr(route, "converters", {})) | set(route.regex.groupindex)


def keys_for(ds: Dataset, pattern: Pattern) -> tuple[str, ...]:
    """The objects ``pattern`` is asked for: A's, B's, the other agency's, a missing one, and any further object
    the dataset keeps for the URL's kind ("sent_a"…; the table states their answers in ``Row.more``)."""
    namespace = pattern.name.split(":")[0]
    if pattern.name in OBJECT_OF:
        kept = ds.objects[OBJECT_OF[pattern.name]]
    elif namespace in FLOW_NAMESPACES and "process_pk" in _keywords(pattern):
        kept = ds.flows[namespace]
    else:
        kept = {}
    return KEYS + tuple(key for key in kept if key not in KEYS)


def _task_url(ds: Dataset, pattern: Pattern, key: str) -> str | None:
    namespace, node, action = pattern.name.split(":")
    if key == "missing":
        process = next(p for p in ds.flows[namespace].values() if p is not None) if any(
            ds.flows[namespace].values()) else None
        return reverse(pattern.name, args=[process.pk if process else MISSING, MISSING])
    process = ds.flows[namespace][key]
    if process is None:
        return None
    task = process.task_set.filter(flow_task=getattr(process.flow_class, node)).order_by("-pk").first()
    if task is None:
        return None
    return reverse(pattern.name, args=[process.pk, task.pk])


def url_for(ds: Dataset, pattern: Pattern, key: str) -> str | None:  # noqa: PLR0911 - a branch per argument kind
    """The URL of ``pattern`` for the object owned by ``key`` (None: the dataset has no such object)."""
    name, route = pattern.name, pattern.pattern.pattern
    keywords = _keywords(pattern)
    if name.startswith("admin:"):
        if route.regex.groups == 0 and "app_label" not in keywords:
            return reverse(name) if key == "a" else None
        return admin_url(pattern) if key == "missing" else None
    if not keywords:
        return reverse(name) if key == "a" else None
    if name in OBJECT_OF:
        kind = OBJECT_OF[name]
        obj = ds.objects[kind].get(key) if key != "missing" else True
        if obj is None:
            return None
        pk = MISSING if key == "missing" else obj.pk
        return reverse(name, kwargs={next(iter(keywords)): pk})
    if name == "nominations:session_preview":  # the session's first draft (its minutes)
        session = ds.objects["session"].get(key) if key != "missing" else True
        if session is None:
            return None
        return reverse(name, kwargs={"pk": MISSING if key == "missing" else session.pk, "index": 0})
    if name in ("pledges:bloc_year", "pledges:bloc_assessment"):  # a bloc's year 2025 (and one member's page)
        bloc = ds.objects["bloc"].get(key) if key != "missing" else True
        if bloc is None:
            return None
        kwargs = {"pk": MISSING if key == "missing" else bloc.pk, "year": 2025}
        if name == "pledges:bloc_assessment":
            member = None if key == "missing" else bloc.memberships.filter(year=2025).first()
            kwargs["member"] = member.pk if member is not None else MISSING
        return reverse(name, kwargs=kwargs)
    if name == "audit:export":
        return reverse(name, args=["csv"]) if key == "a" else None
    if name == "audit:timeline":
        if key in ("other",):
            return None
        content_type = ContentType.objects.get_for_model(ds.objects["dossier"]["a"])
        pk = MISSING if key == "missing" else ds.objects["dossier"][key].pk
        return reverse(name, args=[content_type.pk, str(pk)])
    if name == "password_reset_confirm":
        return reverse(name, args=["MQ", "set-password"]) if key == "a" else None
    namespace = name.split(":")[0]
    if namespace in FLOW_NAMESPACES and keywords == {"process_pk"}:
        process = ds.flows[namespace][key] if key != "missing" else True
        if process is None:
            return None
        return reverse(name, args=[MISSING if key == "missing" else process.pk])
    if namespace in FLOW_NAMESPACES and keywords == {"process_pk", "task_pk"}:
        return _task_url(ds, pattern, key)
    raise LookupError(f"the matrix does not know how to build {name} ({pattern.route}): add it to OBJECT_OF")


def admin_url(pattern: Pattern) -> str:
    route = pattern.route
    route = re.sub(r"\(\?P<app_label>([a-z_]+)[^)]*\)", lambda m: m.group(1), route)
    route = route.replace("<path:object_id>", str(MISSING)).replace("<int:content_type_id>", "1")
    route = route.replace("(?P<url>.*)", "missing/").replace("<path:url>", "missing/").replace("<id>", str(MISSING))
    route = route.replace("([^/]+)", str(MISSING)).replace("^", "").replace("$", "")
    return "/" + route


def token(response, login_paths=("/accounts/login/", "/admin/login/")) -> str:
    status = response.status_code
    if status in (301, 302, 303):
        location = response["Location"]
        return "login" if any(location.startswith(p) for p in login_paths) else "ok"
    if status in (200, 201, 204):
        return "ok"
    return str(status)


def ask(client, method: str, url: str) -> str:
    """GET as is; POST inside a savepoint rolled back, so one role's POSTs never feed the next request."""
    if method == "GET":
        return token(client.get(url))
    with transaction.atomic():
        result = token(client.post(url, {}))
        transaction.set_rollback(True)
    return result


__all__ = ["KEYS", "Pattern", "Task", "all_patterns", "ask", "keys_for", "url_for"]
