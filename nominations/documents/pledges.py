"""The agency's registration (domain §6), sent to Sở Nội vụ as a numbered công văn ("V/v đăng ký thi đua năm …")
with the Bản đăng ký thi đua as its annex; a unit's Bản đăng ký, unnumbered, signed by its head."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.utils.translation import gettext as _

from ..models import AgencyPledgeRegistration, PledgeLine, PledgeRegistration, PledgeTarget
from .base import home_affairs_name


def _counted(counts: Counter, kind: str) -> str:
    """“02 tập thể đăng ký “Tập thể lao động tiên tiến”, 01 …” in the catalogue's order of first appearance."""
    return "; ".join(_("%(n)02d %(kind)s đăng ký danh hiệu “%(title)s”") % {"n": n, "kind": kind, "title": title}
                     for title, n in counts.items())


def registration_document_data(registration: AgencyPledgeRegistration,
                               units: Iterable[PledgeRegistration]) -> dict:
    """The data of the agency's công văn and its annex (template contract of documents/dang_ky_thi_dua.html),
    from the units' accepted registrations ``units``."""
    agency, year = registration.agency, registration.year
    units = list(units)
    targets = list(PledgeTarget.objects.filter(registration__in=units)
                   .select_related("movement", "registration__unit")
                   .order_by("registration__unit__position", "registration__unit__name", "pk"))
    lines = list(PledgeLine.objects.filter(registration__in=units).select_related("person", "title",
                                                                                    "registration__unit")
                 .order_by("registration__unit__position", "registration__unit__name", "person__name_sort_key"))
    movements = {t.movement_id: t.movement for t in targets if t.movement_id}
    collective = [{"collective": agency.name, "title": registration.collective_title.name}] \
        if registration.collective_title_id else []
    collective += [{"collective": u.unit.name, "title": u.collective_title.name if u.collective_title else ""}
                   for u in units]
    unit_titles = Counter(u.collective_title.name for u in units if u.collective_title_id)
    person_titles = Counter(ln.title.name for ln in lines)
    body = []
    if registration.collective_title_id:
        body.append(_("- Tập thể %(agency)s đăng ký danh hiệu “%(title)s”.") % {
            "agency": agency.name, "title": registration.collective_title.name})
    if unit_titles:
        body.append(_("- Tập thể các phòng, ban, đơn vị: %(list)s.") % {"list": _counted(unit_titles, _("tập thể"))})
    if person_titles:
        body.append(_("- Cá nhân: %(list)s.") % {"list": _counted(person_titles, _("cá nhân"))})
    if targets:
        body.append(_("- Chỉ tiêu thi đua: %(targets)02d chỉ tiêu của %(units)02d tập thể, gắn với %(movements)02d "
                      "phong trào thi đua.") % {"targets": len(targets),
                                                "units": len({t.registration.unit_id for t in targets}),
                                                "movements": len(movements)})
    return {
        "level": "agency",
        "registrant": agency.name,
        "year": year,
        "kinh_gui": [home_affairs_name(agency)],
        "noi_nhan": [_("Như trên;"), _("Lãnh đạo %(agency)s;") % {"agency": agency.short_name}],
        "intro": [_("Thực hiện công tác thi đua, khen thưởng năm %(year)s, %(agency)s đăng ký thi đua năm %(year)s "
                    "như sau:") % {"year": year, "agency": agency.name}],
        "body": body,
        "closing": [_("(Chi tiết tại Bản đăng ký thi đua kèm theo Công văn này.)"),
                    _("%(agency)s kính gửi %(receiver)s tổng hợp, theo dõi./.") % {
                        "agency": agency.short_name, "receiver": home_affairs_name(agency, short=True)}],
        "annex_title": _("BẢN ĐĂNG KÝ THI ĐUA NĂM %(year)s") % {"year": year},
        "annex_registrant": agency.name.upper(),
        "movements": [{"name": m.name, "aim": m.aim, "period": m.period_label, "launched_by": m.launched_by}
                      for m in sorted(movements.values(), key=lambda m: (m.level, m.position, m.name))],
        "targets": [{"content": t.content, "unit": t.registration.unit.name, "measure": t.measure,
                     "planned": t.planned_value, "movement": t.movement.name if t.movement_id else ""}
                    for t in targets],
        "collective_titles": collective,
        "person_titles": [{"name": ln.person.full_name, "position": ln.person.position_title, "title": ln.title.name,
                           "unit": ln.registration.unit.name, "initiative": ln.planned_initiative} for ln in lines],
    }
