"""Kinds of job: a code, a Vietnamese label, who may start one, and the function doing the work.

``run(job, progress)`` returns ``JobOutcome`` (an optional file and a message) or raises
``JobFailed`` with the per-row errors; ``progress(percent, message="")`` records how far it is.
Apps register their kinds in ``AppConfig.ready()``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


class JobFailed(Exception):
    def __init__(self, message: str, errors: list[str] | None = None) -> None:
        super().__init__(message)
        self.message, self.errors = message, list(errors or [])


@dataclass
class JobOutcome:
    content: bytes | None = None
    filename: str = ""
    message: str = ""


@dataclass(frozen=True)
class JobKind:
    code: str
    label: object
    run: Callable
    may_start: Callable = field(default=lambda user: True)


_kinds: dict[str, JobKind] = {}


def register_job_kind(code: str, *, label, run: Callable, may_start: Callable) -> JobKind:
    kind = JobKind(code=code, label=label, run=run, may_start=may_start)
    _kinds[code] = kind
    return kind


def job_kind(code: str) -> JobKind | None:
    return _kinds.get(code)


def kind_label(code: str) -> str:
    kind = _kinds.get(code)
    return str(kind.label) if kind else code
