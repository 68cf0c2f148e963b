"""Where the domain registers its flows and its sections of the home page, so the engine can list
them without importing it."""

from __future__ import annotations

from collections.abc import Callable

_flows: list[type] = []


def register_flow(flow_class: type) -> type:
    """Class decorator (or call) that makes a flow appear in inboxes, queues and checks."""
    if flow_class not in _flows:
        _flows.append(flow_class)
    return flow_class


def registered_flows() -> list[type]:
    return list(_flows)


HomeSection = Callable[[object], dict | None]
_home_sections: list[HomeSection] = []


def register_home_section(section: HomeSection) -> HomeSection:
    """A function ``section(user)`` giving a card of the home page, or ``None`` for none.

    The card: ``{"id", "title", "items": [{"text", "url"}], "empty": str, "link": {"text", "url"}}``;
    it must cost a fixed number of queries (the home page's count is asserted).
    """
    if section not in _home_sections:
        _home_sections.append(section)
    return section


def home_sections(user) -> list[dict]:
    return [card for section in _home_sections if (card := section(user))]


ProcessNamer = Callable[[list], dict[int, str]]
_process_namers: list[ProcessNamer] = []


def register_process_namer(namer: ProcessNamer) -> ProcessNamer:
    """A function ``namer(processes)`` naming processes by what they carry ("Phòng Kinh tế — Xét khen
    thưởng năm 2026"), as ``{process pk: name}``; it leaves out the processes it does not know.

    It is given a whole page of processes at once and must cost a fixed number of queries, whatever
    their number (the inbox's count is asserted).
    """
    if namer not in _process_namers:
        _process_namers.append(namer)
    return namer


def process_names(processes: list) -> dict[int, str]:
    names: dict[int, str] = {}
    for namer in _process_namers:
        missing = [p for p in processes if p.pk not in names]
        if not missing:
            break
        names.update(namer(missing))
    return names
