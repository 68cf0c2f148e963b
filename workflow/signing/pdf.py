"""Putting the signatures into an issued PDF (PAdES, incremental updates).

Order (Nghị định 30/2020/NĐ-CP, Điều 14 and 32(2)(d); Phụ lục I, mục II.7–II.8): the number and the date are
already printed when the signatures are made, so both signatures cover them; then

1. the competent person (or the deputy signing "KT.", with the deputy's own certificate) certifies the document
   (DocMDP "form filling and signing allowed") — their handwritten signature image centred between the title
   and the name (ô 7c);
2. the agency signs — the red seal image at real size over about a third of the signer's image on the left
   (ô 8); only after the person, as Điều 32(2)(d) asks of the văn thư.

Both signature fields are created before the first signature: after a certification signature only the
filling of fields that already exist is an allowed change.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from pyhanko.pdf_utils import images, layout
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.stamp import StaticStampStyle

MM = 72 / 25.4
SEAL_MM = 36


@dataclass(frozen=True)
class Box:
    """Where on which page (0-based), in PDF points from the bottom-left."""

    page: int
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class Slot:
    field_name: str
    signer: signers.Signer
    image_png: bytes
    box: Box | None  # None: an invisible signature (a layout with no signature place, e.g. a test's blank page)
    name: str
    reason: str
    location: str = ""
    certify: bool = False


SIGNATURE_MM = 60


def signature_box(place: Box) -> Box:
    """The signer's image: centred in the signature place (ô 7c), at most 60 mm wide, so that it stays between
    the title and the name and does not run into the margin."""
    width = min(place.x2 - place.x1, SIGNATURE_MM * MM)
    centre = (place.x1 + place.x2) / 2
    return Box(place.page, centre - width / 2, place.y1, centre + width / 2, place.y2)


def seal_box(signer_box: Box, signature_png: bytes) -> Box:
    """The seal (Phụ lục I, II.8.a): real size, its right edge about a third into the signer's image."""
    from PIL import Image  # noqa: PLC0415

    with Image.open(io.BytesIO(signature_png)) as image:
        width, height = image.size
    margin = 5
    inner_w = signer_box.x2 - signer_box.x1 - 2 * margin
    inner_h = signer_box.y2 - signer_box.y1 - 2 * margin
    scale = min(inner_w / width, inner_h / height) if width and height else 0
    shown = width * scale
    centre_x = (signer_box.x1 + signer_box.x2) / 2
    centre_y = (signer_box.y1 + signer_box.y2) / 2
    right = centre_x - shown / 2 + shown / 3
    half = SEAL_MM * MM / 2
    return Box(signer_box.page, right - 2 * half, centre_y - half, right, centre_y + half)


def _style(image_png: bytes) -> StaticStampStyle:
    from PIL import Image  # noqa: PLC0415

    image = Image.open(io.BytesIO(image_png))
    return StaticStampStyle(background=images.PdfImage(image), background_opacity=1.0, border_width=0,
                            background_layout=layout.SimpleBoxLayoutRule(
                                x_align=layout.AxisAlignment.ALIGN_MID, y_align=layout.AxisAlignment.ALIGN_MID,
                                margins=layout.Margins.uniform(5)))


def sign_pdf(pdf: bytes, slots: list[Slot], *, timestamper=None) -> bytes:
    """``pdf`` with every slot's signature, in order; fields first, then one incremental update per signature."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    for slot in slots:
        if slot.box is not None:
            box = slot.box
            fields.append_signature_field(writer, fields.SigFieldSpec(
                slot.field_name, box=(box.x1, box.y1, box.x2, box.y2), on_page=box.page))
        else:
            fields.append_signature_field(writer, fields.SigFieldSpec(slot.field_name))
    buffer = io.BytesIO()
    writer.write(buffer)
    current = buffer.getvalue()
    for slot in slots:
        metadata = signers.PdfSignatureMetadata(
            field_name=slot.field_name, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
            name=slot.name, reason=slot.reason, location=slot.location or None,
            certify=slot.certify, docmdp_permissions=fields.MDPPerm.FILL_FORMS)
        pdf_signer = signers.PdfSigner(metadata, signer=slot.signer, timestamper=timestamper,
                                       stamp_style=_style(slot.image_png) if slot.box and slot.image_png else None)
        output = pdf_signer.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(current), strict=False))
        current = output.getvalue()
    return current
