"""Issue 15: while a unit's pledge registration or report section is back with it for changes, everyone outside
the unit reads what the unit last sent; the unit sees its edits, those not yet sent marked "Chưa gửi"."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from nominations import demo_pledges
from nominations.models import Award, PledgeRegistration, PledgeStatus, ReportSection

from . import report_helpers as rh
from .pledge_helpers import INDEX, do_task

pytestmark = pytest.mark.django_db
YEAR = 2023
SENT_INITIATIVE = "Số hóa báo cáo"
UNSENT_INITIATIVE = "Sáng kiến chưa gửi về lưu trữ số"
UNSENT_TARGET = "Chỉ tiêu chưa gửi về chuyển đổi số"


@pytest.fixture(autouse=True)
def movements(db):
    demo_pledges.seed()


def _xlsx_text(response) -> str:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return "\n".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None)


def _returned_and_edited_registration(login, person) -> PledgeRegistration:
    """Given KT's registration sent (a collective title, one target, one line), returned by the
    secretariat, then edited by the unit head (another collective title, a new target, a new line), not resent."""
    head = login("truongphong.kt")
    unit = person("truongphong.kt").unit
    head.post(f"{INDEX}?year={YEAR}", {"action": "create", "unit": unit.pk, "year": YEAR})
    registration = PledgeRegistration.objects.get(unit=unit, year=YEAR)
    url = reverse("pledges:detail", args=[registration.pk])
    head.post(url, {"action": "title", "collective_title": Award.objects.get(code="TTLDTT").pk})
    head.post(url, {"action": "add_target", "content": "Giải quyết hồ sơ đúng hạn", "measure": "%",
                    "planned_value": "100"})
    head.post(url, {"action": "save_line", "person": person("canbo.kt.02").pk,
                    "title": Award.objects.get(code="CSTDCS").pk, "planned_initiative": SENT_INITIATIVE})
    assert do_task(head, registration, "submit").status_code == 302
    assert do_task(login("hcqt"), registration, "review",
                   {"decision": "return", "reason": "Bổ sung chỉ tiêu"}).status_code == 302
    head = login("truongphong.kt")
    head.post(url, {"action": "title", "collective_title": Award.objects.get(code="TTLDXS").pk})
    head.post(url, {"action": "add_target", "content": UNSENT_TARGET, "measure": "%", "planned_value": "90"})
    head.post(url, {"action": "save_line", "person": person("canbo.kt.03").pk,
                    "title": Award.objects.get(code="LDTT").pk, "planned_initiative": UNSENT_INITIATIVE})
    registration.refresh_from_db()
    assert registration.status == PledgeStatus.RETURNED and registration.lines.count() == 2
    return registration


def test_a_returned_registration_reads_as_sent_outside_the_unit_until_resent(login, person):
    registration = _returned_and_edited_registration(login, person)
    # The unit head's own page shows the messages of their edits (the test's one client carries them over).
    login("truongphong.kt").get(reverse("home:index"))
    url = reverse("pledges:detail", args=[registration.pk])
    unsent_title = Award.objects.get(code="TTLDXS").name
    sent_title = Award.objects.get(code="TTLDTT").name

    # When the secretariat and the chief read the registration, the year's list and its Excel export,
    # then they see what was sent only.
    for reader in ("hcqt", "chanhvp"):
        client = login(reader)
        page = client.get(url).content.decode()
        assert SENT_INITIATIVE in page and "Giải quyết hồ sơ đúng hạn" in page and sent_title in page, reader
        assert UNSENT_INITIATIVE not in page and UNSENT_TARGET not in page, reader
        assert person("canbo.kt.03").full_name not in page and unsent_title not in page, reader
        assert "Chưa gửi" not in page, reader
        listing = client.get(f"{INDEX}?year={YEAR}").content.decode()
        assert sent_title in listing and unsent_title not in listing, reader
        sheet = _xlsx_text(client.get(f"{INDEX}?year={YEAR}&xuat=xlsx"))
        assert sent_title in sheet and unsent_title not in sheet, reader

    # When the unit head reads it, then they see their edits, the unsent ones marked, and what was sent.
    page = login("truongphong.kt").get(url).content.decode()
    assert UNSENT_INITIATIVE in page and UNSENT_TARGET in page and unsent_title in page
    assert page.count("Chưa gửi") >= 3 and 'id="pledge-sent"' in page

    # When the unit head resends it, then everyone reads the new version, nothing marked.
    assert do_task(login("truongphong.kt"), registration, "submit").status_code == 302
    for reader in ("hcqt", "chanhvp", "truongphong.kt"):
        page = login(reader).get(url).content.decode()
        assert UNSENT_INITIATIVE in page and UNSENT_TARGET in page and unsent_title in page, reader
        assert 'class="unsent"' not in page, reader


def test_a_returned_registration_pdf_outside_the_unit_is_the_sent_one(login, person):
    registration = _returned_and_edited_registration(login, person)
    pdf = reverse("pledges:pdf", args=[registration.pk])
    sent = login("hcqt").get(pdf)
    edited = login("truongphong.kt").get(pdf)
    assert sent.status_code == edited.status_code == 200
    # The sent one names one person; the unit's edit names two: the rendered files differ.
    assert sent.content != edited.content


def _returned_and_edited_section(login) -> tuple:
    """Given every section sent, KT's returned by the secretariat and rewritten by its head, not resent."""
    report = rh.open_report(login("hcqt"))
    rh.write_all_sections(login, report)
    kt = report.sections.get(unit__code="KT")
    [compile_task] = rh.open_tasks(report, "compile")
    assert rh.do_task(login("hcqt"), compile_task, {"action": "return_section", "section": kt.pk,
                                                   "reason": "Bổ sung số liệu."}).status_code == 302
    [rewrite] = rh.open_tasks(report, "rewrite")
    head = login("truongphong.kt")
    response = rh.do_task(head, rewrite, {"action": "save", **rh.SECTION_TEXT, "initiatives": UNSENT_INITIATIVE})
    assert response.status_code in (200, 302)
    kt.refresh_from_db()
    assert kt.initiatives == UNSENT_INITIATIVE and kt.submitted_at is None
    return report, kt, rewrite


def test_a_returned_report_section_reads_as_sent_outside_the_unit_until_resent(login, person):
    report, kt, rewrite = _returned_and_edited_section(login)
    pages = [reverse("reports:detail", args=[report.pk]), reverse("reports:section", args=[kt.pk])]
    sent = rh.SECTION_TEXT["initiatives"]

    # When the secretariat and the chief read the report and the section, then they see what was sent.
    for reader in ("hcqt", "chanhvp"):
        client = login(reader)
        for url in pages:
            page = client.get(url).content.decode()
            assert sent in page and UNSENT_INITIATIVE not in page, (reader, url)

    # When the unit head reads the section, then they see the edit marked, and what was sent.
    page = login("truongphong.kt").get(pages[1]).content.decode()
    assert UNSENT_INITIATIVE in page and 'class="unsent"' in page and sent in page

    # When the unit head resends it, then everyone reads the new version, nothing marked.
    assert rh.do_task(login("truongphong.kt"), rewrite,
                      {"action": "submit", **rh.SECTION_TEXT, "initiatives": UNSENT_INITIATIVE}).status_code == 302
    assert ReportSection.objects.get(pk=kt.pk).sent_copy["initiatives"] == UNSENT_INITIATIVE
    for reader in ("hcqt", "chanhvp", "truongphong.kt"):
        page = login(reader).get(pages[1]).content.decode()
        assert UNSENT_INITIATIVE in page and 'class="unsent"' not in page, reader
