"""The outline of an annual report, read the same way from the seed's text (tests/nominations/data, a copy of
../shared/seed) and from a generated PDF's text: the structural headings in order, each normalised to its
number and its first words, and the movement groups 2.x to their launcher.

Normalisation: a heading is a line that starts with "PHẦN THỨ", a Roman numeral "I." …, a number "1." or "2.1."
followed by a capital, or, inside II.1 (leadership and direction), a letter "a)"; it is kept as its number and
its first three words, case-folded, punctuation dropped (the seed's headings wrap over lines and carry typos,
"cơn quan"). A 2.x heading is also read to the end of its wording ("… phát động", "… kinh tế - xã hội", at
most five lines) and mapped to its launcher: Thủ tướng, Bộ Nội vụ, tỉnh, kinh tế – xã hội, cơ quan/đơn vị.
"""

from __future__ import annotations

import re
from pathlib import Path

SEED = Path(__file__).with_name("data") / "bao-cao-tdkt-2023-vp-ubnd-quang-ngai.txt"
HEADING = re.compile(r"^(PHẦN THỨ \w+|[IVX]+\.|\d+\.(?:\d+\.)?|[a-zđ]\))(?:\s+(.*))?$")
LAUNCHERS = (("thủ tướng", "Thủ tướng"), ("bộ nội vụ", "Bộ Nội vụ"), ("tỉnh phát động", "tỉnh"),
             ("kinh tế - xã hội", "kinh tế – xã hội"), ("đơn vị phát động", "cơ quan, đơn vị"))


def _words(text: str, n: int = 3) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split()[:n])


def _launcher(text: str) -> str:
    text = " ".join(text.casefold().replace("–", "-").split())
    return next((name for key, name in LAUNCHERS if key in text), "?")


def outline(text: str) -> list[str]:
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    found: list[str] = []
    in_direction = False
    for i, line in enumerate(lines):
        match = HEADING.match(line)
        if not match:
            continue
        mark, rest = match.groups()
        if mark.startswith("PHẦN"):
            found.append(mark)
            continue
        if not rest or not rest[0].isupper():
            continue
        if mark[0].islower():
            if in_direction:
                found.append(f"{mark} {_words(rest)}")
            continue
        if re.fullmatch(r"\d+\.", mark):
            in_direction = rest.startswith("Lãnh đạo, chỉ đạo")
        if re.fullmatch(r"\d+\.\d+\.", mark):
            wording = []
            for follow in lines[i:i + 5]:
                wording.append(follow)
                if re.search(r"phát động|xã hội", follow, re.IGNORECASE):
                    break
            found.append(f"{mark} → {_launcher(' '.join(wording))}")
            continue
        found.append(f"{mark} {_words(rest)}")
    return found


def seed_outline() -> list[str]:
    return outline(SEED.read_text(encoding="utf-8"))


def missing_in_order(expected: list[str], actual: list[str]) -> list[str]:
    """The headings of ``expected`` not found in ``actual`` in the same order (a subsequence check)."""
    missing, position = [], 0
    for heading in expected:
        try:
            position = actual.index(heading, position) + 1
        except ValueError:
            missing.append(heading)
    return missing
