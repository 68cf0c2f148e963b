"""The certificates of an issued in-house Quyết định khen thưởng, printed on the agency's pre-printed blanks:
one page per awardee, each line at a fixed place in millimetres from the paper's top-left corner plus the
layout's shift (``CertificateLayout``); and the calibration page the officer prints on plain paper, lays over
a blank and reads the shift from.

The places follow what the blanks of Bằng khen and Giấy khen have carried since Nghị định 50/2006/NĐ-CP, Điều
28: the awardee's lines in the middle, the decision's number and date lower left, the place, date and the
signer's block lower right with room to sign and seal. No text read fixes the millimetres (docs/legal-basis.md
§12: doubtful); the shift is there to fit them to the agency's own blank.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from workflow.documents import rendering

from ..models import CertificateLayout, Paper
from ..selectors.certificates import Certificate

TEMPLATE = "documents/certificates.html"


@dataclass(frozen=True)
class Box:
    """Where a block starts (``left``, ``top``) and how wide it is, in millimetres; its text is centred."""

    left: Decimal
    top: Decimal
    width: Decimal


def _box(left, top, width) -> Box:
    return Box(Decimal(left), Decimal(top), Decimal(width))


# The blocks of a certificate on each paper, before the shift.
PLACES = {
    Paper.A4_LANDSCAPE: {
        "heading": _box(40, 66, 217), "name": _box(40, 86, 217), "unit": _box(40, 98, 217),
        "achievement": _box(40, 108, 217), "decision": _box(28, 158, 100), "signature": _box(165, 146, 110),
    },
    Paper.A4_PORTRAIT: {
        "heading": _box(20, 100, 170), "name": _box(20, 124, 170), "unit": _box(20, 137, 170),
        "achievement": _box(20, 148, 170), "decision": _box(18, 230, 80), "signature": _box(100, 214, 95),
    },
}
GRID_STEP_MM = 10


def _shifted(layout: CertificateLayout) -> dict[str, Box]:
    dx, dy = Decimal(layout.offset_x_mm), Decimal(layout.offset_y_mm)
    return {key: Box(box.left + dx, box.top + dy, box.width) for key, box in PLACES[Paper(layout.paper)].items()}


def _page(layout: CertificateLayout) -> dict:
    width, height = layout.size_mm
    return {"width": width, "height": height, "orientation": "landscape" if width > height else "portrait"}


def certificates_context(certificates: list[Certificate], layout: CertificateLayout, *, preview: bool = False) -> dict:
    """What ``documents/certificates.html`` draws: the pages, each block's place, and in a preview the outline
    of the blank and the decision's page on screen."""
    return {"page": _page(layout), "places": _shifted(layout), "certificates": certificates,
            "print_heading": layout.print_heading, "preview": preview, "calibration": None}


def calibration_context(layout: CertificateLayout) -> dict:
    """One page: a millimetre grid with its labels, and a cross and outline where each block of the certificate
    prints with the current shift, so the officer sees how far the print lies from the blank's own marks."""
    page = _page(layout)
    width, height = page["width"], page["height"]
    return {"page": page, "places": _shifted(layout), "certificates": [], "print_heading": True, "preview": False,
            "calibration": {"columns": list(range(0, width + 1, GRID_STEP_MM)),
                            "rows": list(range(0, height + 1, GRID_STEP_MM)),
                            "offset_x": layout.offset_x_mm, "offset_y": layout.offset_y_mm}}


def certificates_html(certificates: list[Certificate], layout: CertificateLayout, *, preview: bool = False) -> str:
    return rendering.render_html(TEMPLATE, certificates_context(certificates, layout, preview=preview))


def certificates_pdf(certificates: list[Certificate], layout: CertificateLayout) -> bytes:
    return rendering.render_pdf(TEMPLATE, certificates_context(certificates, layout)).pdf


def calibration_pdf(layout: CertificateLayout) -> bytes:
    return rendering.render_pdf(TEMPLATE, calibration_context(layout)).pdf
