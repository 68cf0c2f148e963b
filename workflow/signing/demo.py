"""``seed_demo``: the development CA gives every demo person and every agency a certificate (and a drawn signature
or seal), so that the demo's documents are signed the way production's are. Only with the development CA."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from accounts.demo import SeedResult
from accounts.models import Agency, User

from .models import SigningCertificate
from .services import dev_certificate_issue


@transaction.atomic
def seed(*, stdout=None) -> SeedResult:
    result = SeedResult()
    if getattr(settings, "DOCUMENT_SIGNING_BACKEND", "devca") != "devca":
        return result
    have_people = set(SigningCertificate.objects.filter(user__isnull=False).values_list("user_id", flat=True))
    have_agencies = set(SigningCertificate.objects.filter(agency__isnull=False).values_list("agency_id", flat=True))
    for person in User.objects.filter(is_active=True).select_related("unit__agency").order_by("pk"):
        if person.pk in have_people:
            result.count(result.unchanged, "signing_certificate")
        else:
            dev_certificate_issue(user=person)
            result.count(result.created, "signing_certificate")
    for agency in Agency.objects.order_by("pk"):
        if agency.pk in have_agencies:
            result.count(result.unchanged, "signing_certificate")
        else:
            dev_certificate_issue(agency=agency)
            result.count(result.created, "signing_certificate")
    return result
