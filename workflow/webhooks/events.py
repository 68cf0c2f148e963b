"""What another system may subscribe to: events named for the outside, each read from the audit log.

An event is one or more audit actions on one model (``document.issued`` on an issued document,
``dossier.returned`` is ``object.returned`` on a dossier). The engine registers its own (a document issued);
the domain registers the rest in ``AppConfig.ready`` with, for each, who may hear of an object: ``visible(user,
obj)`` is asked with the client's service account, so a subscription hears only of objects that account may read
through the API (the same selectors). Without a registration nothing is sent: an audit action is not
subscribable until someone says who may hear of it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise


@dataclass(frozen=True)
class WebhookEvent:
    code: str
    label: Promise | str
    actions: tuple[str, ...]
    model: str  # app_label.model_name, lower case
    visible: Callable[[object, models.Model], bool]
    # The API address where the subscriber reads the object (absolute path), or None when no route serves it.
    resource_path: Callable[[models.Model], str | None] | None = None


_events: dict[str, WebhookEvent] = {}


def register_webhook_event(code: str, *, label: Promise | str, actions: tuple[str, ...] | list[str], model: str,
                           visible: Callable, resource_path: Callable | None = None) -> WebhookEvent:
    """Make ``code`` subscribable: the audit ``actions`` recorded on ``model`` ("app_label.modelname")."""
    if not code or len(code) > 60 or code != code.strip().lower():
        raise ValueError(f"Webhook event code must be short, lower-case and trimmed: {code!r}")
    event = WebhookEvent(code=code, label=label, actions=tuple(actions), model=model.lower(), visible=visible,
                         resource_path=resource_path)
    _events[code] = event
    return event


def set_resource_path(code: str, resource_path: Callable[[models.Model], str | None]) -> None:
    """The domain names the API route of an engine event's object (an issued Quyết định: ``decisions/<id>/``)."""
    _events[code] = WebhookEvent(**{**_events[code].__dict__, "resource_path": resource_path})


def webhook_events() -> dict[str, WebhookEvent]:
    return dict(_events)


def event_choices() -> list[tuple[str, str]]:
    return sorted(((code, f"{code} — {event.label}") for code, event in _events.items()), key=lambda c: c[0])


def events_for(action: str, model_label: str) -> list[WebhookEvent]:
    return [event for event in _events.values() if action in event.actions and event.model == model_label]


def subscribable_actions() -> frozenset[str]:
    return frozenset(action for event in _events.values() for action in event.actions)
