"""A signing step's POST, shared by every step that signs (the council approval, the agency's pledge công
văn, the annual report): the signer either returns the work to the secretariat with a reason
(``action=return``, the form of ``nominations/_sign_return.html``), or signs, which needs the confirmation
that he read the drafts (``forms.signing.SignForm``). The caller's services do the writing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from workflow.steps import step_run

from ..forms.signing import SignForm


@dataclass
class Signing:
    returned: bool = False  # the signer returned the work instead of signing
    ok: bool = False
    errors: list[str] = field(default_factory=list)


def signing_post(request, *, sign: Callable[[], Any], give_back: Callable[[str], Any]) -> Signing:
    """Run ``give_back(reason)`` or, once confirmed, ``sign()`` as the task's step (``step_run``)."""
    activation = request.activation
    if request.POST.get("action") == "return":
        reason = request.POST.get("reason", "")
        step = step_run(activation, lambda: give_back(reason))
        return Signing(returned=True, ok=step.ok, errors=step.errors)
    form = SignForm(request.POST)
    if not form.is_valid():
        return Signing(errors=[error for errors in form.errors.values() for error in errors])
    step = step_run(activation, sign)
    return Signing(ok=step.ok, errors=step.errors)
