"""The seed report's prose (``../shared/seed``, the Office's 2023 report) in the shape of the report
flow's compile form: what a secretariat would type, for the demo, the benchmark and the tests."""

from __future__ import annotations

import json

from workflow.documents.examples import SEED_REPORT

MOVEMENT_FIELDS = ("results_prime_minister", "results_ministry", "results_province", "results_socio_economic",
                   "results_agency")
PROSE_FIELDS = ("request", "situation", "favourable", "direction_a", "direction_b", "direction_c", "propaganda",
                "assessment", "tasks", "measures")


def seed_prose() -> dict[str, str]:
    """One paragraph a line; the "a) …" lines head a movement's items, as in the seed."""
    seed = json.loads(SEED_REPORT.read_text(encoding="utf-8"))
    fields = {name: "\n".join(seed[name]) for name in PROSE_FIELDS}
    for name, block in zip(MOVEMENT_FIELDS, seed["movements"], strict=True):
        fields[name] = "\n".join([*block["intro"], *[line for item in block["items"]
                                                      for line in (item["heading"], *item["paragraphs"])]])
    return fields
