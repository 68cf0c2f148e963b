"""A failed PDF render in the middle of a flow leaves no half-issued document (over HTTP).

The chief signs the agency's công văn and WeasyPrint fails: the document stays signed without a
number, a PDF or an ISSUED event, the register has taken nothing, the page says so in Vietnamese,
and Sở Nội vụ's task stays open — acknowledging is refused with a Vietnamese message until the
document is made again, which then takes number 01 (no gap)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from nominations import demo_pledges
from nominations.models import AgencyPledgeRegistration, AgencyPledgeStatus, Award, Movement, PledgeRegistration
from workflow.audit import Action, verify_chain
from workflow.audit.models import AuditEvent
from workflow.documents import rendering
from workflow.documents.models import DocumentCounter, DocumentStatus

from .pledge_helpers import do_task, open_task

pytestmark = pytest.mark.django_db
YEAR = 2023


def compiled_registration(login, person) -> AgencyPledgeRegistration:
    demo_pledges.seed()
    vp = person("hcqt").unit.agency
    index = reverse("pledges:index")
    login("hcqt").post(index, {"action": "open", "agency": vp.pk, "year": YEAR, "deadline": "2023-01-02"})
    client = login("truongphong.kt")
    client.post(index, {"action": "create", "unit": person("truongphong.kt").unit_id, "year": YEAR})
    registration = PledgeRegistration.objects.get(unit__code="KT", unit__agency=vp, year=YEAR)
    page = reverse("pledges:detail", args=[registration.pk])
    client.post(page, {"action": "title", "collective_title": Award.objects.get(code="TTLDTT").pk})
    client.post(page, {"action": "add_target", "content": "Giải quyết hồ sơ đúng hạn", "measure": "%",
                       "planned_value": "100",
                       "movement": Movement.objects.get(name__startswith="Đẩy mạnh cải cách hành chính").pk})
    client.post(page, {"action": "save_line", "person": person("canbo.kt.02").pk,
                       "title": Award.objects.get(code="CSTDCS").pk})
    assert do_task(client, registration, "submit").status_code == 302
    assert do_task(login("hcqt"), registration, "review", {"decision": "accept"}).status_code == 302
    agency_registration = AgencyPledgeRegistration.objects.get(agency=vp, year=YEAR)
    assert do_task(login("hcqt"), agency_registration, "compile",
                   {"collective_title": Award.objects.get(code="CO_TINH").pk}, agency=True).status_code == 302
    return agency_registration


def test_a_failed_render_leaves_no_half_issued_document_and_the_next_task_waits(
        login, person, monkeypatch, django_capture_on_commit_callbacks):
    registration = compiled_registration(login, person)
    real_render = rendering.render_pdf
    monkeypatch.setattr(rendering, "render_pdf", lambda *a, **k: (_ for _ in ()).throw(OSError("font cache")))

    with django_capture_on_commit_callbacks(execute=True):
        assert do_task(login("chanhvp"), registration, "sign", {"read_drafts": "1"}, agency=True).status_code == 302

    registration.refresh_from_db()
    document = registration.document
    assert document.status == DocumentStatus.FAILED
    assert (document.number, document.number_text, document.pdf.name or "", document.snapshot) == (None, "", "", None)
    assert not DocumentCounter.objects.filter(last_number__gt=0).exists()
    assert not AuditEvent.objects.filter(action=Action.ISSUED, object_id=str(document.pk)).exists()
    page = login("chanhvp").get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert "Không tạo được bản PDF; văn bản chưa được cấp số." in page

    officer = login("sonoivu")
    response = do_task(officer, registration, "home_affairs", {"decision": "accept"}, agency=True)
    assert response.status_code == 200
    assert "chưa được cấp số và phát hành xong" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == AgencyPledgeStatus.SENT
    assert open_task(registration, "home_affairs", agency=True).status == "ASSIGNED"

    monkeypatch.setattr(rendering, "render_pdf", real_render)
    with django_capture_on_commit_callbacks(execute=True):
        assert login("chanhvp").post(reverse("documents:retry", args=[document.pk])).status_code == 302
    document.refresh_from_db()
    assert document.status == DocumentStatus.READY and document.number == 1
    officer = login("sonoivu")
    assert do_task(officer, registration, "home_affairs", {"decision": "accept"}, agency=True).status_code == 302
    registration.refresh_from_db()
    assert registration.status == AgencyPledgeStatus.ACKNOWLEDGED
    assert verify_chain().ok
