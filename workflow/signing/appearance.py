"""The images a signature shows (Nghị định 30/2020/NĐ-CP, Phụ lục I): the signer's handwritten signature — blue,
transparent PNG, centred between the title and the name (mục II.7.d) — and the agency's seal — red,
transparent PNG, real size, over about a third of the signer's image on its left (mục II.8.a).

In production both images are uploaded with the certificate (the real signature, the real seal). For the
development CA they are drawn here: the person's name in italics as a stand-in signature, and a round seal with
the agency's name around the rim and a star in the centre, as seals of state agencies are laid out.
"""

from __future__ import annotations

import io
import math
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

BLUE = (20, 40, 160, 255)
RED = (210, 20, 30, 255)
SEAL_MM = 36  # a round seal of a state agency is 35–36 mm across; the PDF draws it at this size


FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts")


@lru_cache(maxsize=4)
def _font_path(file_name: str) -> str | None:
    """A font file of the system by its file name — from fonts-liberation2, which the project requires, before any
    other copy (Debian's older fonts-liberation has the same file names but lacks ầ, ộ, ự …)."""
    found = [path for folder in FONT_FOLDERS if Path(folder).is_dir() for path in Path(folder).rglob(file_name)]
    found.sort(key=lambda path: ("liberation2" not in str(path), str(path)))
    return str(found[0]) if found else None


def _font(file_name: str, size: int):
    path = _font_path(file_name)
    return ImageFont.truetype(path, size) if path else ImageFont.load_default(size)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def signature_png(full_name: str) -> bytes:
    """A stand-in handwritten signature: the name in blue italics over a flourish."""
    font = _font("LiberationSerif-Italic.ttf", 64)
    probe = ImageDraw.Draw(Image.new("RGBA", (1, 1)))
    left, top, right, bottom = probe.textbbox((0, 0), full_name, font=font)
    width, height = right - left + 40, bottom - top + 50
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.text((20 - left, 10 - top), full_name, font=font, fill=BLUE)
    baseline = height - 18
    draw.line([(10, baseline), (width * 0.45, baseline - 12), (width - 10, baseline - 4)], fill=BLUE, width=4)
    return _png(image)


def seal_png(rim_text: str, centre_text: str = "") -> bytes:
    """A round red seal: two rims, ``rim_text`` (upper case) around the top, a star and ``centre_text``."""
    size = 600
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    centre = size / 2
    draw.ellipse([8, 8, size - 8, size - 8], outline=RED, width=14)
    draw.ellipse([110, 110, size - 110, size - 110], outline=RED, width=6)
    _star(draw, centre, centre - 20, 60)
    if centre_text:
        font = _font("LiberationSans-Bold.ttf", 34)
        box = draw.textbbox((0, 0), centre_text.upper(), font=font)
        draw.text((centre - (box[2] - box[0]) / 2, centre + 60), centre_text.upper(), font=font, fill=RED)
    _rim_text(image, rim_text.upper(), radius=centre - 62, font=_font("LiberationSans-Bold.ttf", 40))
    return _png(image)


def _star(draw: ImageDraw.ImageDraw, x: float, y: float, radius: float) -> None:
    points = []
    for index in range(10):
        r = radius if index % 2 == 0 else radius * 0.4
        angle = -math.pi / 2 + index * math.pi / 5
        points.append((x + r * math.cos(angle), y + r * math.sin(angle)))
    draw.polygon(points, fill=RED)


def _rim_text(image: Image.Image, text: str, *, radius: float, font) -> None:
    """Letters along the rim, each rotated to face outwards, spread over the upper 300°."""
    if not text:
        return
    centre = image.width / 2
    span = math.radians(300)
    step = span / max(len(text), 1)
    start = -math.pi / 2 - span / 2 + step / 2
    for index, letter in enumerate(text):
        if letter == " ":
            continue
        angle = start + index * step
        glyph = Image.new("RGBA", (80, 80), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((40, 40), letter, font=font, fill=RED, anchor="mm")
        rotated = glyph.rotate(-math.degrees(angle + math.pi / 2), resample=Image.BICUBIC)
        x = centre + radius * math.cos(angle) - 40
        y = centre + radius * math.sin(angle) - 40
        image.alpha_composite(rotated, (int(x), int(y)))
