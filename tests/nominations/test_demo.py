"""The demo registries: plausible 2019–2023 data for the Office, idempotent, conflicts reported."""

import pytest
from django.conf import settings

from accounts.demo import DemoConflict
from nominations import demo
from nominations.eligibility import Outcome, check
from nominations.models import Discipline, Initiative, PastAward, PersonYearRecord

pytestmark = pytest.mark.django_db


def test_the_seeder_is_registered_after_the_organisation():
    assert settings.DEMO_SEEDERS.index("accounts.demo.seed") < settings.DEMO_SEEDERS.index("nominations.demo.seed")


def test_seeding_twice_creates_once_and_tells_the_stories_of_the_check_page(person):
    first = demo.seed()
    second = demo.seed()

    assert sum(first.created.values()) > 500 and not second.created
    assert sum(second.unchanged.values()) == sum(first.created.values())
    assert set(PersonYearRecord.objects.values_list("year", flat=True)) == set(range(2019, 2024))
    # 2 for the check page's stories, 1 for the cống hiến stories (nominations.demo_service)
    assert Discipline.objects.count() == 3 and Initiative.objects.count() == 6
    assert PastAward.objects.filter(award__code="CSTDCS").count() == 10

    def outcome(username, title):
        return check(person(username), title, 2023).outcome

    assert outcome("canbo.kt.02", "CSTD_TINH") == Outcome.PASS
    assert outcome("canbo.th.02", "CSTD_TINH") == Outcome.FAIL
    assert outcome("canbo.nc.03", "LDTT") == Outcome.FAIL
    assert outcome("hopdong.hcqt.10", "LDTT") == Outcome.FAIL
    assert outcome("canbo.ttcbth.05", "LDTT") == Outcome.WARNING
    assert outcome("canbo.tthc.03", "CSTDCS") == Outcome.NEEDS_DOCUMENT


def test_a_conflicting_record_is_reported_and_nothing_is_written(person):
    from nominations import services

    services.person_year_record_save(actor=None, person=person("canbo.kt.02"), year=2019, rating="kht")

    with pytest.raises(DemoConflict) as conflict:
        demo.seed()

    assert any("Đánh giá năm 2019 của “canbo.kt.02”" in line for line in conflict.value.conflicts)
    assert PersonYearRecord.objects.count() == 1
