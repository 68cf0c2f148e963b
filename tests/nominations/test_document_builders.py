"""The document builders read the issuing agency's data; an agency that names no drafting unit still
gets sensible documents (its drafter's unit, the head over the parent authority)."""

from __future__ import annotations

import pytest

from accounts.models import Agency, User
from nominations.documents import decider, decision_draft, emulation_executor, issuer_unit_code, submission_draft
from nominations.models import Line
from workflow.documents.models import IssuedDocument

from .council_helpers import finalised_session

pytestmark = pytest.mark.django_db


def test_the_office_and_the_department_each_print_their_own_unit_decider_and_executor(person):
    office, department = Agency.objects.get(code="VP"), Agency.objects.get(code="SKHDT")

    assert (issuer_unit_code(office, person("hcqt")), issuer_unit_code(department, person("tdkt.skhdt"))) == (
        "HCQT", "VPS")
    assert decider(office) == "Chánh Văn phòng UBND tỉnh Quảng Ngãi"
    assert decider(department) == "Giám đốc Sở Kế hoạch và Đầu tư"
    assert emulation_executor(department) == "Chánh Văn phòng Sở, thủ trưởng các đơn vị liên quan"


def test_an_agency_naming_no_drafting_unit_falls_back_to_its_drafters_unit(person):
    # Given an agency whose data names neither its drafting unit nor its chief's full title
    agency = Agency.objects.get(code="SKHDT")
    agency.emulation_unit, agency.emulation_unit_head, agency.head_full_title = None, "", ""
    agency.save()

    # Then the drafter's own unit of the agency drafts, nobody's unit outside it
    assert issuer_unit_code(agency, person("truongphong.dkkd")) == "DKKD"
    assert issuer_unit_code(agency, person("hcqt")) == ""
    assert issuer_unit_code(agency) == ""
    # and the decider is the head over the parent authority; the units concerned carry the decision out
    assert decider(agency) == "Giám đốc Sở UBND tỉnh Quảng Ngãi"
    assert emulation_executor(agency) == "Thủ trưởng các đơn vị liên quan"


def test_the_decision_of_a_session_is_built_without_writing_anything(person):
    # Given a finalised session of the Office with an in-house title (Lao động tiên tiến) on its agenda
    colleague = User.objects.filter(unit__code="KT", username__startswith="canbo").order_by("pk").last()
    session = finalised_session("KT", also=[(colleague, "LDTT")])
    lines = list(Line.objects.filter(cycle=session.cycle).select_related("award", "person__unit", "unit",
                                                                          "commendation_kind").order_by("pk"))
    in_house = [line for line in lines if line.award.code == "LDTT"]
    higher = [line for line in lines if line.award.code == "CSTD_TINH"]
    before = IssuedDocument.objects.count()

    # When the builders make the Quyết định and the Tờ trình of its lines
    decision, submission = decision_draft(session, in_house), submission_draft(session, higher)

    # Then both are plain data of the Office, and nothing was written
    assert IssuedDocument.objects.count() == before
    assert (decision.template_key, decision.issuer_unit_code) == ("quyet_dinh_khen_thuong", "HCQT")
    assert decision.summary == "Về việc tặng danh hiệu “Lao động tiên tiến” năm 2025"
    assert decision.data["authority"] == "Chánh Văn phòng UBND tỉnh Quảng Ngãi"
    assert decision.data["articles"][2].startswith("Trưởng phòng Hành chính – Quản trị, thủ trưởng các đơn vị")
    assert decision.data["annex"] == [{"name": colleague.full_name, "position": colleague.position_title,
                                       "unit": "Phòng Kinh tế", "title": "Lao động tiên tiến",
                                       "award": "Lao động tiên tiến"}]
    assert submission.data["kinh_gui"] == ["Chủ tịch UBND tỉnh", "Sở Nội vụ"]
    assert [row["title"] for row in submission.data["lines"]] == ["Chiến sĩ thi đua cấp tỉnh"]
