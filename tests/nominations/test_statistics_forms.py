"""The Ministry of Home Affairs' statistics forms (0602.N, 0603.N/BNV-TĐKT under Thông tư 02/2023/TT-BNV;
0703.N under Thông tư 03/2018/TT-BNV) filled from the awards registry: every count equals what the ORM counts
directly here, over a registry with awards of several levels and kinds, persons and collectives, leaders and
others, an annulled award, awards outside the period and another agency's; the page and its downloads."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db.models import Q
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Agency, Unit
from nominations.models import Award, PastAward
from nominations.selectors.statistics import fill_form
from nominations.services.registries import past_award_record
from nominations.statistics.definitions import TT02_2023, TT03_2018, circular_for_year
from tests.factories import AgencyFactory, UnitFactory, UserFactory
from workflow.documents.models import IssuedDocument
from workflow.documents.rendering import pdf_text

pytestmark = pytest.mark.django_db

YEAR = 2030  # the period 01/12/2029 – 30/11/2030, far from the demo's years
IN_PERIOD = dt.date(2030, 3, 15)
PROVINCE_CODES = {"bk": "BK_TINH", "cstd": "CSTD_TINH", "co": "CO_TINH", "kn": "KNC_TINH"}


def _award(code: str) -> Award:
    return Award.objects.get(code=code)


def _extra_awards() -> None:
    """A provincial kỷ niệm chương (0603's column 5), which the catalogue may be given; the catalogue's huân
    chương (migration 0005) gets its own column pair on 0602."""
    Award.objects.create(code="KNC_TINH", name="Kỷ niệm chương vì sự nghiệp xây dựng tỉnh", kind="form",
                         nominee_kind="person", level="tinh", authority="province_chair", position=91)


def registry(secretariat) -> dict:
    """Given a registry over the Office's people and units and another agency's, through the registry service."""
    _extra_awards()
    office = Agency.objects.get(code="VP")
    units = list(Unit.objects.filter(agency=office).order_by("pk")[:3])
    leader = UserFactory(unit=units[0], is_leader=True, full_name="Lê Văn Lãnh Đạo")
    leader2 = UserFactory(unit=units[1], is_leader=True, full_name="Phạm Thị Quản Lý")
    workers = [UserFactory(unit=units[i % 3], full_name=f"Trần Văn Công Tác {i}") for i in range(4)]
    other_unit = UnitFactory(agency=AgencyFactory(province=office.province))
    outsider = UserFactory(unit=other_unit)

    def record(code, *, person=None, unit=None, on=IN_PERIOD, year=None, actor=secretariat):
        return past_award_record(actor=actor, award=_award(code), year=year or on.year, decision_number="1/QĐ-UBND",
                                 issuer="Chủ tịch UBND tỉnh", person=person, unit=unit, decision_date=on)

    record("BK_TINH", person=leader)
    record("BK_TINH", person=workers[0])
    record("BK_TINH", person=workers[1], on=dt.date(2029, 12, 1), year=2029)  # first day of the period
    record("BK_TINH", unit=units[0])
    record("CSTD_TINH", person=workers[2], on=dt.date(2030, 11, 30))  # last day of the period
    record("CO_TINH", unit=units[1])
    record("KNC_TINH", person=leader2)
    record("TTLDXS", unit=units[2])  # no column on 0603: listed under it, not counted
    record("GIAY_KHEN", person=workers[3])  # decided by the head: on no form
    record("BK_TTG", person=leader)
    record("BK_TTG", unit=units[2])
    record("CSTD_TQ", person=workers[0])
    record("HCLD3", person=workers[1])
    record("HCLD3", unit=units[0])
    # Outside the period, another agency's, annulled, undated: none counts.
    record("CSTD_TINH", person=workers[3], on=dt.date(2029, 11, 30), year=2029)
    record("BK_TINH", person=workers[2], on=dt.date(2030, 12, 1))
    past_award_record(actor=None, award=_award("BK_TINH"), year=YEAR, decision_number="2/QĐ-UBND", issuer="Chủ tịch",
                      person=outsider, decision_date=IN_PERIOD)
    annulled = record("CO_TINH", unit=units[0])
    annulled.annulled_by = IssuedDocument.objects.create(agency=office, template_key="quyet_dinh_huy_bo",
                                                         summary="Hủy bỏ quyết định khen thưởng",
                                                         created_by=secretariat)
    annulled.annulled_on = dt.date(2030, 6, 1)
    annulled.save()
    past_award_record(actor=secretariat, award=_award("BK_TINH"), year=YEAR, decision_number="3/QĐ-UBND",
                      issuer="Chủ tịch UBND tỉnh", person=workers[3])  # no decision date
    return {"office": office}


def counted(office, level: str):
    """The ORM's own count, written here apart from the code: standing awards of the Office's people and units,
    of one level, decided within the period."""
    return (PastAward.objects.filter(annulled_by__isnull=True, award__level=level,
                                     decision_date__gte=dt.date(YEAR - 1, 12, 1),
                                     decision_date__lte=dt.date(YEAR, 11, 30))
            .filter(Q(person__unit__agency=office) | Q(unit__agency=office)))


def test_the_provincial_form_counts_what_the_registry_holds(person):
    office = registry(person("hcqt"))["office"]

    filled = fill_form(agency=office, year=YEAR, circular=TT02_2023, form=TT02_2023.form("0603"))

    province = counted(office, "tinh").filter(award__code__in=PROVINCE_CODES.values())
    assert filled.total("01") == province.count() == 7
    assert filled.total("02") == province.filter(unit__isnull=False).count() == 2
    assert filled.total("05") == province.filter(person__isnull=False).count() == 5
    assert filled.total("10") == province.filter(person__is_leader=False).count() == 3
    for slot, code in PROVINCE_CODES.items():
        assert filled.cell("01", slot) == province.filter(award__code=code).count()
        assert filled.cell("02", slot) == province.filter(award__code=code, unit__isnull=False).count()
        assert filled.cell("05", slot) == province.filter(award__code=code, person__isnull=False).count()
    # No enterprise or household is a unit or a person of an agency; what the registry does not hold stays uncounted.
    assert filled.total("03") == filled.total("04") == filled.total("08") == 0
    assert [filled.total(code) for code in ("06", "07", "09", "11", "12", "13", "14", "15", "16", "17")] == [None] * 10
    assert filled.leaders == province.filter(person__is_leader=True).count() == 2
    assert filled.outside == [{"name": "Tập thể lao động xuất sắc", "collectives": 1, "persons": 0}]
    assert filled.undated == 1


def test_the_state_form_gives_each_huan_chuong_its_own_columns(person):
    office = registry(person("hcqt"))["office"]

    filled = fill_form(agency=office, year=YEAR, circular=TT02_2023, form=TT02_2023.form("0602"))

    state = counted(office, "nha_nuoc")
    assert filled.total("1") == state.count() == 5
    assert filled.total("6") == state.filter(unit__isnull=False).count() == 2
    assert filled.total("9") == state.filter(person__isnull=False).count() == 3
    assert filled.total("14") == state.filter(person__is_leader=False).count() == 2
    assert filled.cell("1", "bkttg", "collective") == state.filter(award__code="BK_TTG", unit__isnull=False).count()
    assert filled.cell("1", "bkttg", "person") == state.filter(award__code="BK_TTG", person__isnull=False).count()
    assert filled.cell("1", "cstdtq") == state.filter(award__code="CSTD_TQ").count() == 1
    assert filled.cell("1", "hc") == state.filter(award__code="HCLD3").count() == 2
    assert [c.headers[2] for c in filled.columns if c.slot.startswith("hc:")] == ["Huân chương Lao động hạng Ba"] * 2
    assert filled.total("2") is None and filled.total("15") is None


def test_the_circular_in_force_is_chosen_by_the_year():
    assert circular_for_year(2021) is TT03_2018 and [f.code for f in TT03_2018.forms] == ["0703.N/BNV-TĐKT"]
    assert circular_for_year(2023) is TT02_2023 and circular_for_year(2030) is TT02_2023
    assert circular_for_year(2017) is None
    assert TT02_2023.period(2025) == (dt.date(2024, 12, 1), dt.date(2025, 11, 30))


def test_filling_a_form_costs_two_queries(person, django_assert_num_queries):
    office = registry(person("hcqt"))["office"]

    with django_assert_num_queries(2):
        fill_form(agency=office, year=YEAR, circular=TT02_2023, form=TT02_2023.form("0603"))


def _sheet(response) -> list[tuple]:
    assert response.status_code == 200, response.content[:300]
    book = load_workbook(io.BytesIO(response.content))
    return [tuple(row) for row in book.active.iter_rows(values_only=True)]


def test_the_secretariat_downloads_each_form_as_excel_in_the_official_layout(login, person):
    office = registry(person("hcqt"))["office"]
    client = login("hcqt")
    province = counted(office, "tinh").filter(award__code__in=PROVINCE_CODES.values())

    page = client.get(reverse("reports:statistics"), {"nam": YEAR})
    rows = _sheet(client.get(reverse("reports:statistics"), {"nam": YEAR, "bieu": "0603", "tai": "xlsx"}))

    text = page.content.decode()
    assert page.status_code == 200
    assert "Thông tư số 02/2023/TT-BNV" in text and "0602.N/BNV-TĐKT" in text and "0603.N/BNV-TĐKT" in text
    assert rows[0][0] == "Biểu số: 0603.N/BNV-TĐKT"
    assert rows[1][0] == "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023"
    assert any(v == f"Đơn vị báo cáo: {office.name}" for v in rows[0])
    total = next(r for r in rows if r[0] == "Tổng số" and r[1] == "01")
    assert total[3] == province.count()
    people = next(r for r in rows if r[0] == "- Cá nhân")  # printed as typed, never as a formula
    assert people[3:8] == (5, 3, 1, 0, 1)  # Bằng khen, Chiến sĩ thi đua, Cờ, Kỷ niệm chương
    assert next(r for r in rows if r[1] == "06")[3] == "(*)"
    assert any(r[0] == "Người lập biểu" for r in rows)
    assert "Thủ trưởng đơn vị" in [v for r in rows for v in r]


def test_the_pdf_prints_the_same_form(login, person):
    registry(person("hcqt"))
    client = login("chanhvp")

    response = client.get(reverse("reports:statistics"), {"nam": YEAR, "bieu": "0602", "tai": "pdf"})

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    squeezed = "".join(text.split())  # a header wraps in its narrow cell
    assert "Biểu số: 0602.N/BNV-TĐKT" in text
    assert "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC" in text
    assert "HuânchươngLaođộnghạngBa" in squeezed and "Người lập biểu" in text


@pytest.mark.parametrize("username", ["kiemtra", "chanhvp"])
def test_the_chief_and_the_auditor_see_the_forms(login, username):
    assert login(username).get(reverse("reports:statistics"), {"nam": 2021}).status_code == 200


def test_someone_who_works_over_no_agency_gets_404(login):
    assert login("canbo.kt.04").get(reverse("reports:statistics")).status_code == 404


@pytest.mark.parametrize("params", [{"nam": "abc"}, {"nam": "2010"}, {"nam": "2025", "bieu": "0999", "tai": "xlsx"},
                                    {"nam": "2025", "bieu": "0603", "tai": "doc"},
                                    {"nam": "2025", "co_quan": "999999"}])
def test_bad_input_is_told_in_vietnamese_and_gives_no_file(login, params):
    response = login("hcqt").get(reverse("reports:statistics"), params)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    told = list(response.context["messages"]) or response.context["form"].errors
    assert told
