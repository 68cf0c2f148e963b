"""The agency's Bản đăng ký thi đua (domain §6), sent to Sở Nội vụ as a numbered công văn."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from ..models import AgencyPledgeRegistration, PledgeLine, PledgeRegistration, PledgeTarget
from .base import home_affairs_name


def registration_document_data(registration: AgencyPledgeRegistration,
                               units: Iterable[PledgeRegistration]) -> dict:
    """The data of the agency's Bản đăng ký (template contract of documents/dang_ky_thi_dua.html), from
    the units' accepted registrations ``units``."""
    agency = registration.agency
    units = list(units)
    targets = list(PledgeTarget.objects.filter(registration__in=units).select_related("movement", "registration__unit")
                   .order_by("registration__unit__position", "pk"))
    lines = list(PledgeLine.objects.filter(registration__in=units).select_related("person", "title")
                 .order_by("registration__unit__position", "person__name_sort_key"))
    movements = {t.movement_id: t.movement for t in targets if t.movement_id}
    collective = [{"collective": agency.name, "title": registration.collective_title.name}] \
        if registration.collective_title_id else []
    collective += [{"collective": u.unit.name, "title": u.collective_title.name if u.collective_title else ""}
                   for u in units]
    return {
        "level": "agency",
        "registrant": agency.name,
        "year": registration.year,
        "kinh_gui": [home_affairs_name(agency)],
        "noi_nhan": [_("Như trên;"), _("Lãnh đạo %(agency)s;") % {"agency": agency.short_name}],
        "intro": [_(
            "Thực hiện phong trào thi đua yêu nước năm %(year)s, %(agency)s đăng ký thi đua với các nội dung "
            "sau:") % {"year": registration.year, "agency": agency.name}],
        "movements": [{"name": m.name, "aim": m.aim, "period": m.period_label, "launched_by": m.launched_by}
                      for m in sorted(movements.values(), key=lambda m: (m.level, m.position, m.name))],
        "targets": [{"content": f"{t.content} ({t.registration.unit.name})", "measure": t.measure,
                     "planned": t.planned_value} for t in targets],
        "collective_titles": collective,
        "person_titles": [{"name": ln.person.full_name, "position": ln.person.position_title, "title": ln.title.name,
                           "initiative": ln.planned_initiative} for ln in lines],
    }
