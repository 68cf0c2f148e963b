"""Fields and models whose values no page, diff or export may ever show (secret ballots).

The council decides by secret ballot (bỏ phiếu kín; for CSTĐ tỉnh and above Nghị định
91/2017/NĐ-CP Điều 45 khoản 8, domain §4): who took part and the tallies are public, how a
named member voted is not. The domain marks its secret fields in
``AppConfig.ready()``::

    mark_secret("nominations.BallotLine", "choice")   # one field
    mark_secret("nominations.SecretBallot")           # the whole model

``audit_record`` drops secret fields from ``changes`` before anything is stored; the timeline
leaves them out of field diffs; a secret model's history shows that a change happened, never
its values, and its objects print as "<kind> #pk" (their ``__str__`` might reveal a choice).
"""

from __future__ import annotations

from django.apps import apps
from django.db import models

ALL_FIELDS = "__all__"

_secret: dict[str, set[str]] = {}


def _label(model: type[models.Model] | str) -> str:
    if isinstance(model, str):
        return model.lower()
    return model._meta.label_lower


def mark_secret(model: type[models.Model] | str, *fields: str) -> None:
    """Mark ``fields`` of ``model`` (or, with no field, the whole model) as secret."""
    _secret.setdefault(_label(model), set()).update(fields or {ALL_FIELDS})


def unmark_secret(model: type[models.Model] | str, *fields: str) -> None:
    """Undo ``mark_secret`` (tests)."""
    label = _label(model)
    marked = _secret.get(label, set())
    marked.difference_update(fields or {ALL_FIELDS})
    if not marked:
        _secret.pop(label, None)


def concrete_label(model: type[models.Model] | str) -> str:
    """History models and proxies count as the model they record."""
    if isinstance(model, str):
        return model.lower()
    instance_type = getattr(model, "instance_type", None)
    if instance_type is not None:
        model = instance_type
    return model._meta.concrete_model._meta.label_lower


def is_secret_model(model: type[models.Model] | str) -> bool:
    return ALL_FIELDS in _secret.get(concrete_label(model), ())


def is_secret_field(model: type[models.Model] | str, field: str) -> bool:
    marked = _secret.get(concrete_label(model), ())
    return ALL_FIELDS in marked or field in marked or field.removesuffix("_id") in marked


def strip_secrets(model: type[models.Model] | str | None, changes: dict) -> dict:
    """``changes`` without the keys a secret ballot would reveal."""
    if model is None:
        return changes
    return {key: value for key, value in changes.items() if not is_secret_field(model, key)}


def secret_models() -> list[type[models.Model]]:
    found = []
    for label in _secret:
        try:
            found.append(apps.get_model(label))
        except (LookupError, ValueError):
            continue
    return found
