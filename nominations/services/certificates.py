"""Saving where the certificates' lines fall on the agency's pre-printed blank (``CertificateLayout``): the
secretariat of the agency measures the shift on the calibration page and records it here."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Agency, User
from workflow.audit import audit_record

from ..audit import CERTIFICATE_LAYOUT_SAVED
from ..models import Award, CertificateLayout
from .cycles import require_secretariat


@transaction.atomic
def certificate_layout_save(
    *, actor: User, agency: Agency, award: Award | None, paper: str, offset_x_mm: Decimal, offset_y_mm: Decimal,
    print_heading: bool = True,
) -> CertificateLayout:
    """Create or change the layout of ``award``'s blank (``None``: the agency's default blank). Only the
    agency's secretariat; an offset beyond ±50 mm or an unknown paper is refused and nothing is saved. The
    change is kept in the layout's history and in the audit log, field by field."""
    require_secretariat(actor, agency)
    # The agency's row is locked first: two officers saving the first layout of a blank at once are served one
    # after the other instead of the second hitting the unique constraint. ``order_by("pk")`` keeps the model's
    # ordering (which joins the nullable award) out of the FOR UPDATE query: PostgreSQL refuses to lock the
    # nullable side of an outer join.
    Agency.objects.select_for_update().get(pk=agency.pk)
    layout = (CertificateLayout.objects.select_for_update().filter(agency=agency, award=award).order_by("pk").first()
              or CertificateLayout(agency=agency, award=award))
    new = {"paper": paper, "offset_x_mm": offset_x_mm, "offset_y_mm": offset_y_mm, "print_heading": print_heading}
    changes = {field: [str(getattr(layout, field)) if layout.pk else None, str(value)]
               for field, value in new.items() if not layout.pk or getattr(layout, field) != value}
    if layout.pk and not changes:
        return layout
    for field, value in new.items():
        setattr(layout, field, value)
    layout.updated_by = actor
    try:
        layout.full_clean()
    except ValidationError as error:
        raise ValidationError(_("Căn chỉnh không hợp lệ: %(errors)s")
                              % {"errors": " ".join(error.messages)}) from error
    layout._history_user = actor
    layout.save()
    audit_record(actor=actor, action=CERTIFICATE_LAYOUT_SAVED, obj=layout, agency=agency,
                 changes={**changes, "award": award.code if award else ""})
    return layout
