"""Where the domain registers its flows, so the engine can list them without importing it."""

from __future__ import annotations

_flows: list[type] = []


def register_flow(flow_class: type) -> type:
    """Class decorator (or call) that makes a flow appear in inboxes, queues and checks."""
    if flow_class not in _flows:
        _flows.append(flow_class)
    return flow_class


def registered_flows() -> list[type]:
    return list(_flows)


_home_sections: list = []


def register_home_section(section) -> None:
    """The domain adds what a person's desk shows (e.g. "my unit's dossiers"): ``section(user, roles)``
    (``roles``: the person's active role assignments, already loaded) returns ``None`` or
    ``{"id", "title", "items": [{"label", "url", "note"}]}``."""
    if section not in _home_sections:
        _home_sections.append(section)


def home_sections(user, roles) -> list[dict]:
    return [found for section in _home_sections if (found := section(user, roles))]
