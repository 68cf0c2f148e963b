"""Pledge registrations: a unit's (``PledgeFlow``) and the agency's (``AgencyPledgeFlow``)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from accounts.models import Agency, Unit, User

from ..flows.pledge import AgencyPledgeFlow, PledgeFlow
from ..models import AgencyPledgeRegistration, PledgeRegistration


@transaction.atomic
def pledge_start(*, actor: User, unit: Unit, year: int, amends: PledgeRegistration | None = None):
    """The unit head starts the unit's registration of the year (or an amendment of an accepted one)."""
    return PledgeFlow.start.run(actor=actor, unit=unit, year=year, amends=amends)


@transaction.atomic
def agency_pledge_start(*, actor: User, agency: Agency, year: int, deadline: dt.date,
                        amends: AgencyPledgeRegistration | None = None):
    """The secretariat opens the agency's registration of the year for its units."""
    return AgencyPledgeFlow.start.run(actor=actor, agency=agency, year=year, deadline=deadline, amends=amends)
