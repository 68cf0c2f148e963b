"""Every write to the catalogue's registries: past awards, sáng kiến, discipline, yearly
ratings, service records, and the all-or-nothing import of past awards and sáng kiến."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Agency, Unit, User
from accounts.roles import Role
from accounts.selectors import roles_here
from workflow.audit import audit_record
from workflow.history import history_save as _save

from ..audit import (
    DISCIPLINE_RECORDED,
    INITIATIVE_RECORDED,
    PAST_AWARD_RECORDED,
    PERSON_YEAR_RECORD_SAVED,
    POSITION_RECORD_SAVED,
    REGISTRY_IMPORTED,
    SERVICE_RECORD_SAVED,
    UNIT_YEAR_RECORD_SAVED,
)
from ..imports import ImportReport, parse_initiatives, parse_past_awards
from ..models import (
    Award,
    Discipline,
    Initiative,
    PastAward,
    PersonYearRecord,
    PositionRecord,
    ServiceRecord,
    UnitYearRecord,
)


def require_registry_keeper(actor: User | None, agency: Agency | None) -> None:
    """The registries of an agency are kept by its secretariat (design §1) or an administrator;
    ``None`` is the system itself (migrations, seeding)."""
    if actor is None:
        return
    if actor.has_perm("nominations.add_pastaward"):
        return
    if agency is not None and Role.SECRETARIAT in roles_here(actor, agency):
        return
    raise PermissionDenied(_("Chỉ thường trực thi đua – khen thưởng của cơ quan mới được cập nhật dữ liệu này."))


@transaction.atomic
def past_award_record(
    *, actor: User | None, award: Award, year: int, decision_number: str, issuer: str,
    person: User | None = None, unit: Unit | None = None, decision_date: dt.date | None = None,
) -> PastAward:
    """Record an award already granted (by this agency or a higher authority)."""
    subject = person or unit
    require_registry_keeper(actor, subject.agency if subject is not None else None)
    past = _save(PastAward(person=person, unit=unit, award=award, year=year, decision_number=decision_number,
                           decision_date=decision_date, issuer=issuer), actor)
    audit_record(actor=actor, action=PAST_AWARD_RECORDED, obj=past, agency=subject.agency if subject else None,
                 changes={"award": award.code, "year": year, "decision_number": decision_number, "issuer": issuer})
    return past


@transaction.atomic
def initiative_record(
    *, actor: User | None, title: str, authors: list[User], decision_date: dt.date, scope: str,
    decision_number: str = "", issuer: str = "",
) -> Initiative:
    """Record a sáng kiến recognised by the agency's Hội đồng sáng kiến or higher."""
    if not authors:
        raise ValidationError({"authors": _("Sáng kiến phải có ít nhất một tác giả.")})
    for author in authors:
        require_registry_keeper(actor, author.agency)
    return initiative_write(actor=actor, title=title, authors=authors, decision_date=decision_date, scope=scope,
                            decision_number=decision_number, issuer=issuer)


def initiative_write(
    *, actor: User | None, title: str, authors: list[User], decision_date: dt.date, scope: str,
    decision_number: str = "", issuer: str = "",
) -> Initiative:
    """The registry row itself, for a caller that has checked who acts: the registry keeper
    (``initiative_record``) or the chief recognising an application (``services.initiatives``)."""
    if not authors:
        raise ValidationError({"authors": _("Sáng kiến phải có ít nhất một tác giả.")})
    initiative = _save(Initiative(title=title, decision_number=decision_number, decision_date=decision_date,
                                  issuer=issuer, scope=scope), actor)
    initiative.authors.set(authors)
    audit_record(actor=actor, action=INITIATIVE_RECORDED, obj=initiative, agency=authors[0].agency,
                 changes={"title": title, "authors": [a.pk for a in authors], "scope": scope,
                          "decision_number": decision_number, "decision_date": decision_date.isoformat()})
    return initiative


@transaction.atomic
def discipline_record(
    *, actor: User | None, person: User, level: str, year: int, decision_number: str = "", note: str = "",
) -> Discipline:
    require_registry_keeper(actor, person.agency)
    discipline = _save(Discipline(person=person, level=level, year=year, decision_number=decision_number,
                                  note=note), actor)
    audit_record(actor=actor, action=DISCIPLINE_RECORDED, obj=discipline, agency=person.agency,
                 changes={"person": person.pk, "level": level, "year": year, "decision_number": decision_number})
    return discipline


@transaction.atomic
def person_year_record_save(
    *, actor: User | None, person: User, year: int, rating: str, absent_days: int = 0,
    maternity_leave_days: int = 0, administrative_sanction: bool = False,
) -> PersonYearRecord:
    """Create or correct a person's record of the year (one per person and year)."""
    require_registry_keeper(actor, person.agency)
    record = PersonYearRecord.objects.select_for_update().filter(person=person, year=year).first() \
        or PersonYearRecord(person=person, year=year)
    record.rating = rating
    record.absent_days = absent_days
    record.maternity_leave_days = maternity_leave_days
    record.administrative_sanction = administrative_sanction
    record = _save(record, actor)
    audit_record(actor=actor, action=PERSON_YEAR_RECORD_SAVED, obj=record, agency=person.agency,
                 changes={"person": person.pk, "year": year, "rating": rating, "absent_days": absent_days,
                          "maternity_leave_days": maternity_leave_days,
                          "administrative_sanction": administrative_sanction})
    return record


@transaction.atomic
def unit_year_record_save(*, actor: User | None, unit: Unit, year: int, rating: str) -> UnitYearRecord:
    require_registry_keeper(actor, unit.agency)
    record = UnitYearRecord.objects.select_for_update().filter(unit=unit, year=year).first() \
        or UnitYearRecord(unit=unit, year=year)
    record.rating = rating
    record = _save(record, actor)
    audit_record(actor=actor, action=UNIT_YEAR_RECORD_SAVED, obj=record, agency=unit.agency,
                 changes={"unit": unit.pk, "year": year, "rating": rating})
    return record


@transaction.atomic
def service_record_save(*, actor: User | None, person: User, started_on: dt.date, female: bool | None = None,
                        retires_on: dt.date | None | bool = False) -> ServiceRecord:
    """The person's start of service; ``female`` and ``retires_on`` (the retirement a notice or decision names)
    are kept as they are when not given (``retires_on=None`` clears it)."""
    require_registry_keeper(actor, person.agency)
    record = ServiceRecord.objects.select_for_update().filter(person=person).first() or ServiceRecord(person=person)
    record.started_on = started_on
    changes = {"person": person.pk, "started_on": started_on.isoformat()}
    if female is not None:
        record.female = female
        changes["female"] = female
    if retires_on is not False:
        record.retires_on = retires_on
        changes["retires_on"] = retires_on.isoformat() if retires_on else None
    record = _save(record, actor)
    audit_record(actor=actor, action=SERVICE_RECORD_SAVED, obj=record, agency=person.agency, changes=changes)
    return record


@transaction.atomic
def position_record_save(*, actor: User | None, person: User, title: str, started_on: dt.date,
                         ended_on: dt.date | None = None, level: str = "",
                         record: PositionRecord | None = None) -> PositionRecord:
    """Record (or correct, ``record``) one period of the person's positions, for the cống hiến and niên hạn
    rules (``selectors.service_awards``)."""
    require_registry_keeper(actor, person.agency)
    if record is None:
        record = PositionRecord(person=person)
    elif record.person_id != person.pk:
        raise ValidationError(_("Giai đoạn công tác không thuộc người này."))
    record.title, record.level, record.started_on, record.ended_on = title.strip(), level, started_on, ended_on
    record = _save(record, actor)
    audit_record(actor=actor, action=POSITION_RECORD_SAVED, obj=record, agency=person.agency,
                 changes={"person": person.pk, "title": record.title, "level": level,
                          "started_on": started_on.isoformat(),
                          "ended_on": ended_on.isoformat() if ended_on else None})
    return record


@transaction.atomic
def registry_import(*, actor: User | None, agency: Agency, kind: str, filename: str, content: bytes) -> ImportReport:
    """Import past awards (``kind="awards"``) or sáng kiến (``"initiatives"``) from .xlsx or .csv.

    Every row is validated first; when any row is invalid the report lists each error by row
    number and nothing at all is written.
    """
    require_registry_keeper(actor, agency)
    parse = {"awards": parse_past_awards, "initiatives": parse_initiatives}.get(kind)
    if parse is None:
        raise ValidationError(_("Loại dữ liệu nhập không hợp lệ."))
    report = parse(agency=agency, filename=filename, content=content)
    if not report.ok:
        return report
    for item in report.items:
        if isinstance(item, PastAward):
            _save(item, actor)
        else:
            initiative, authors = item
            _save(initiative, actor)
            initiative.authors.set(authors)
    report.imported = len(report.items)
    audit_record(actor=actor, action=REGISTRY_IMPORTED, obj=None, agency=agency,
                 changes={"kind": kind, "filename": filename, "imported": report.imported})
    return report
