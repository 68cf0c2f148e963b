"""Pledge services (issue 5): bad input refused in Vietnamese with nothing saved; amendments; the
eligibility engine reads the registrations; ``pledged_titles`` for the nominations flow."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from nominations.eligibility import Outcome, check
from nominations.models import (
    AgencyPledgeRegistration,
    AgencyPledgeStatus,
    Award,
    PledgeLine,
    PledgeRegistration,
    PledgeStatus,
)
from nominations.selectors import pledged_titles, registered_for_emulation
from nominations.services import pledges as services

pytestmark = pytest.mark.django_db
YEAR = 2023


def award(code: str) -> Award:
    return Award.objects.get(code=code)


@pytest.fixture
def kt(person):
    return person("truongphong.kt").unit


@pytest.fixture
def registration(person, kt) -> PledgeRegistration:
    return services.pledge_registration_create(actor=person("truongphong.kt"), unit=kt, year=YEAR)


def accepted(person, registration, lines=(("canbo.kt.02", "CSTDCS"),)) -> PledgeRegistration:
    head = person("truongphong.kt")
    services.pledge_registration_update(actor=head, registration=registration, collective_title=award("TTLDTT"))
    for username, code in lines:
        services.pledge_line_save(actor=head, registration=registration, person=person(username), title=award(code))
    services.pledge_registration_submit(actor=head, registration=registration)
    services.pledge_registration_review(actor=person("hcqt"), registration=registration, accept=True)
    registration.refresh_from_db()
    return registration


def test_a_collective_title_on_a_person_is_refused_in_vietnamese(person, registration):
    with pytest.raises(ValidationError) as error:
        services.pledge_line_save(actor=person("truongphong.kt"), registration=registration,
                                  person=person("canbo.kt.02"), title=award("TTLDTT"))

    assert "dành cho tập thể, không đăng ký cho cá nhân" in " ".join(error.value.messages)
    assert not PledgeLine.objects.filter(registration=registration).exists()


def test_a_personal_title_as_the_units_title_and_a_form_of_commendation_are_refused(person, registration):
    head = person("truongphong.kt")
    with pytest.raises(ValidationError, match="dành cho cá nhân"):
        services.pledge_registration_update(actor=head, registration=registration, collective_title=award("LDTT"))
    with pytest.raises(ValidationError, match="không phải danh hiệu thi đua"):
        services.pledge_line_save(actor=head, registration=registration, person=person("canbo.kt.02"),
                                  title=award("GIAY_KHEN"))
    registration.refresh_from_db()
    assert registration.collective_title is None


def test_a_line_for_someone_outside_the_unit_is_refused_over_http(login, person, registration):
    client = login("truongphong.kt")
    url = reverse("pledges:detail", args=[registration.pk])

    response = client.post(url, {"action": "save_line", "person": person("canbo.nc.02").pk,
                                 "title": award("LDTT").pk}, follow=True)

    page = response.content.decode()
    assert response.status_code == 200
    assert "không thuộc Phòng Kinh tế" in page and person("canbo.nc.02").full_name not in page
    assert not PledgeLine.objects.filter(registration=registration).exists()


def test_the_service_refuses_a_line_for_someone_outside_the_unit(person, registration):
    with pytest.raises(ValidationError, match="không thuộc Phòng Kinh tế"):
        services.pledge_line_save(actor=person("truongphong.kt"), registration=registration,
                                  person=person("canbo.nc.02"), title=award("LDTT"))
    assert not PledgeLine.objects.filter(registration=registration).exists()


def test_a_collective_title_on_a_person_over_http_shows_the_message_and_saves_nothing(login, person, registration):
    client = login("truongphong.kt")

    response = client.post(reverse("pledges:detail", args=[registration.pk]), {
        "action": "save_line", "person": person("canbo.kt.02").pk, "title": award("TTLDXS").pk}, follow=True)

    assert "dành cho tập thể" in response.content.decode()
    assert not PledgeLine.objects.filter(registration=registration).exists()


def test_only_the_units_head_drafts_and_only_the_secretariat_reviews(person, kt, registration):
    with pytest.raises(PermissionDenied):
        services.pledge_registration_create(actor=person("truongphong.nc"), unit=kt, year=YEAR + 1)
    with pytest.raises(PermissionDenied):
        services.pledge_line_save(actor=person("canbo.kt.02"), registration=registration,
                                  person=person("canbo.kt.02"), title=award("LDTT"))
    head = person("truongphong.kt")
    services.pledge_registration_update(actor=head, registration=registration, collective_title=award("TTLDTT"))
    services.pledge_line_save(actor=head, registration=registration, person=person("canbo.kt.02"), title=award("LDTT"))
    services.pledge_registration_submit(actor=head, registration=registration)
    with pytest.raises(PermissionDenied):
        services.pledge_registration_review(actor=person("chanhvp"), registration=registration, accept=True)


def test_an_empty_registration_cannot_be_submitted(person, registration):
    with pytest.raises(ValidationError, match="chưa chọn danh hiệu tập thể"):
        services.pledge_registration_submit(actor=person("truongphong.kt"), registration=registration)
    registration.refresh_from_db()
    assert registration.status == PledgeStatus.DRAFT


def test_a_second_registration_of_the_same_year_is_refused(person, kt, registration):
    with pytest.raises(ValidationError, match="đang xử lý"):
        services.pledge_registration_create(actor=person("truongphong.kt"), unit=kt, year=YEAR)
    accepted(person, registration)
    with pytest.raises(ValidationError, match="lập bản đăng ký bổ sung"):
        services.pledge_registration_create(actor=person("truongphong.kt"), unit=kt, year=YEAR)
    assert PledgeRegistration.objects.filter(unit=kt, year=YEAR).count() == 1


def test_an_agency_registration_for_a_year_that_has_a_signed_one_is_refused(person, registration,
                                                                              django_capture_on_commit_callbacks):
    vp = person("hcqt").unit.agency
    accepted(person, registration)
    agency = services.agency_pledge_open(actor=person("hcqt"), agency=vp, year=YEAR, deadline=dt.date(2023, 1, 2))
    services.agency_pledge_compile(actor=person("hcqt"), registration=agency)
    with django_capture_on_commit_callbacks(execute=True):
        services.agency_pledge_sign(actor=person("chanhvp"), registration=agency)

    with pytest.raises(ValidationError) as error:
        services.agency_pledge_open(actor=person("hcqt"), agency=vp, year=YEAR, deadline=dt.date(2023, 6, 1))

    assert "đã ký" in " ".join(error.value.messages)
    assert AgencyPledgeRegistration.objects.filter(agency=vp, year=YEAR).count() == 1
    amendment = services.agency_pledge_open(actor=person("hcqt"), agency=vp, year=YEAR,
                                            deadline=dt.date(2023, 9, 1), amends=agency)
    assert amendment.amends == agency and amendment.status == AgencyPledgeStatus.OPEN


def test_amending_an_accepted_registration_makes_a_linked_one_and_leaves_the_first_unchanged(person, kt,
                                                                                            registration):
    first = accepted(person, registration)
    history_before = list(first.history.values_list("history_id", flat=True))
    head = person("truongphong.kt")

    with pytest.raises(ValidationError, match="không sửa được"):
        services.pledge_line_save(actor=head, registration=first, person=person("canbo.kt.03"), title=award("LDTT"))
    amendment = services.pledge_registration_create(actor=head, unit=kt, year=YEAR, amends=first)
    services.pledge_line_save(actor=head, registration=amendment, person=person("canbo.kt.03"), title=award("LDTT"))

    first.refresh_from_db()
    assert amendment.amends == first and amendment.status == PledgeStatus.DRAFT
    assert list(first.lines.values_list("person__username", flat=True)) == ["canbo.kt.02"]
    assert sorted(amendment.lines.values_list("person__username", flat=True)) == ["canbo.kt.02", "canbo.kt.03"]
    assert list(first.history.values_list("history_id", flat=True)) == history_before
    with pytest.raises(ValidationError):
        services.pledge_registration_create(actor=head, unit=kt, year=YEAR, amends=first)


def test_the_eligibility_check_reads_the_registration(person, registration):
    def pledge_verdict():
        result = check(person("canbo.kt.02"), "LDTT", YEAR)
        return next(v for v in result.verdicts if v.criterion == "pledge_registered")

    before = pledge_verdict()
    accepted(person, registration)
    after = pledge_verdict()

    assert before.outcome == Outcome.WARNING and "Không tìm thấy đăng ký thi đua năm 2023" in before.facts
    assert after.outcome == Outcome.PASS


def test_the_pledge_source_answers_for_people_and_units(person, kt, registration):
    accepted(person, registration)
    keys = [("person", person("canbo.kt.02").pk), ("person", person("canbo.kt.03").pk), ("unit", kt.pk),
            ("unit", person("canbo.nc.02").unit_id)]

    answer = registered_for_emulation(keys, YEAR)

    assert [answer[k] for k in keys] == [True, False, True, False]
    assert registered_for_emulation(keys, YEAR + 1)[keys[0]] is False


def test_pledged_titles_offer_the_current_accepted_registration(person, kt, registration):
    assert pledged_titles(kt, YEAR).collective is None
    first = accepted(person, registration)
    amendment = services.pledge_registration_create(actor=person("truongphong.kt"), unit=kt, year=YEAR, amends=first)
    assert pledged_titles(kt, YEAR).people == {person("canbo.kt.02").pk: award("CSTDCS")}

    services.pledge_line_save(actor=person("truongphong.kt"), registration=amendment, person=person("canbo.kt.02"),
                              title=award("LDTT"))
    services.pledge_registration_submit(actor=person("truongphong.kt"), registration=amendment)
    services.pledge_registration_review(actor=person("hcqt"), registration=amendment, accept=True)

    titles = pledged_titles(kt, YEAR)
    assert titles.collective == award("TTLDTT")
    assert titles.people == {person("canbo.kt.02").pk: award("LDTT")}


def test_home_affairs_cannot_acknowledge_before_the_cong_van_is_issued(person, registration):
    vp = person("hcqt").unit.agency
    accepted(person, registration)
    agency = services.agency_pledge_open(actor=person("hcqt"), agency=vp, year=YEAR, deadline=dt.date(2023, 1, 2))
    services.agency_pledge_compile(actor=person("hcqt"), registration=agency)
    services.agency_pledge_sign(actor=person("chanhvp"), registration=agency)  # issuing not run yet

    with pytest.raises(ValidationError, match="chưa được cấp số"):
        services.agency_pledge_home_affairs_decide(actor=person("sonoivu"), registration=agency, acknowledge=True)
    with pytest.raises(PermissionDenied):
        services.agency_pledge_home_affairs_decide(actor=person("hcqt"), registration=agency, acknowledge=True)
    agency.refresh_from_db()
    assert agency.status == AgencyPledgeStatus.SENT


def test_home_affairs_reads_the_agency_registration_once_signed_and_never_a_units(person, login, registration):
    """Sở Nội vụ is another agency (design §1): the agency's registration reaches it with the chief's
    signature (design §3 flow 1); a unit's registration is the unit's and the Office's, never sent."""
    accepted(person, registration)
    agency = services.agency_pledge_open(actor=person("hcqt"), agency=person("hcqt").unit.agency, year=YEAR,
                                         deadline=dt.date(2023, 1, 2))

    def pages() -> list[int]:
        officer = login("sonoivu")
        return [officer.get(reverse("pledges:agency", args=[agency.pk])).status_code,
                officer.get(reverse("pledges:detail", args=[registration.pk])).status_code,
                officer.get(reverse("pledges:pdf", args=[registration.pk])).status_code]

    assert pages() == [404, 404, 404]
    services.agency_pledge_compile(actor=person("hcqt"), registration=agency)
    assert pages() == [404, 404, 404]
    services.agency_pledge_sign(actor=person("chanhvp"), registration=agency)
    assert pages() == [200, 404, 404]


def test_the_history_on_the_page_says_what_changed_and_leaves_out_saves_that_changed_nothing(login, registration):
    """The unit head reads who set the collective title, and when; saving the same title again
    adds no line (the page used to print "Đang soạn" once for every save)."""
    client = login("truongphong.kt")
    url = reverse("pledges:detail", args=[registration.pk])
    for _ in range(3):
        assert client.post(url, {"action": "title", "collective_title": award("TTLDTT").pk}).status_code == 302

    page = client.get(url).content.decode()
    history = page[page.index('id="pledge-history"'):]
    history = history[:history.index("</section>")]

    assert history.count("Sửa bản ghi") == 1
    assert history.count("Tạo bản ghi") == 1
    assert f"Danh hiệu tập thể đăng ký: — → {award('TTLDTT')}" in history
    assert registration.history.count() == 4
