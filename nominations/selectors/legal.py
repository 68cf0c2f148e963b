"""The "Căn cứ" of a document: the legal texts in force on the day it is signed (docs/legal-basis.md §2)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import Agency

from ..models import LegalText, LegalTextKind
from ..models.legal import KIND_ORDER


def texts_in_force(day: dt.date, agency: Agency) -> list[LegalText]:
    """The printed texts in force on ``day`` that bind ``agency``: its own functions decision, its province's
    regulation, and the national texts — in the order of the căn cứ (authority first, then Law, decree,
    circular; within a kind by position, then date)."""
    texts = LegalText.objects.filter(
        Q(in_force_to__isnull=True) | Q(in_force_to__gte=day), printed=True, in_force_from__lte=day,
    ).filter(
        Q(kind=LegalTextKind.AGENCY, agency=agency) | Q(kind=LegalTextKind.PROVINCE, province_id=agency.province_id)
        | Q(kind__in=[LegalTextKind.LAW, LegalTextKind.DECREE, LegalTextKind.CIRCULAR])
    )
    return sorted(texts, key=lambda text: (KIND_ORDER[LegalTextKind(text.kind)], text.position, text.issued_on,
                                           text.pk))


def grounds_on(day: dt.date, agency: Agency) -> list[str]:
    """"Căn cứ …;" — one line per text in force on ``day`` (the signing day). Refuses, naming the day, when
    no Law on emulation and commendation or no decree detailing it is in force then: a document citing
    nothing, or a repealed text, is not signed."""
    texts = texts_in_force(day, agency)
    kinds = {text.kind for text in texts}
    missing = [label for kind, label in ((LegalTextKind.LAW, _("Luật Thi đua, khen thưởng")),
                                         (LegalTextKind.DECREE, _("nghị định quy định chi tiết")))
               if kind not in kinds]
    if missing:
        raise ValidationError(_(
            "Không có %(missing)s có hiệu lực vào ngày %(day)s để làm căn cứ ban hành văn bản. Quản trị hệ thống "
            "cần khai báo văn bản căn cứ có hiệu lực vào ngày này.") % {
                "missing": _(" và ").join(str(label) for label in missing), "day": day.strftime("%d/%m/%Y")})
    return [f"Căn cứ {text.citation()};" for text in texts]
