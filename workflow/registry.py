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
