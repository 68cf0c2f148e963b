"""The document builders read the issuing agency's data; an agency that names no drafting unit still
gets sensible documents (its drafter's unit, the head over the parent authority)."""

from __future__ import annotations

import pytest

from accounts.models import Agency
from nominations.documents import decider, emulation_executor, issuer_unit_code

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
