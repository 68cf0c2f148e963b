"""Drafting, signing and issuing through the real services (design §4: every write a service)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import Agency
from tests.workflow.documents_helpers import pdf_text
from workflow.audit.models import AuditEvent
from workflow.documents import audit_link, rendering, services
from workflow.documents.models import DocumentCounter, DocumentStatus, IssuedDocument, SignatureForm

pytestmark = pytest.mark.django_db

DECISION = {
    "authority": "Chánh Văn phòng UBND tỉnh Quảng Ngãi",
    "grounds": ["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"],
    "articles": ["Tặng Giấy khen cho 01 cá nhân (có danh sách kèm theo)."],
    "annex_title": "DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN",
    "annex": [{"name": "Trần Thị Bích", "position": "Chuyên viên", "unit": "Phòng Kinh tế", "title": "Giấy khen"}],
    "noi_nhan": ["Như Điều 3;"],
}


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a service and then, as a real commit would, its on-commit work (the issuing)."""

    def run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return run


@pytest.fixture
def vp():
    return Agency.objects.get(code="VP")


@pytest.fixture
def draft(person, vp):
    return services.document_create(
        actor=person("hcqt"), agency=vp, template_key="quyet_dinh_khen_thuong",
        summary="Về việc tặng Giấy khen", data=DECISION, issuer_unit_code="HCQT",
    )


def test_the_secretariat_drafts_without_a_number(draft, person):
    assert draft.status == DocumentStatus.DRAFT
    assert draft.doc_type == "QĐ" and draft.number is None and draft.number_text == ""
    assert draft.history.latest().history_user == person("hcqt")


@pytest.mark.parametrize("username", ["truongphong.kt", "canbo.kt.02", "kiemtra", "sonoivu"])
def test_only_the_secretariat_and_the_leaders_may_draft(person, vp, username):
    with pytest.raises(PermissionDenied):
        services.document_create(actor=person(username), agency=vp, template_key="quyet_dinh_khen_thuong",
                                 summary="x", data={})

    assert not IssuedDocument.objects.exists()


def test_an_unknown_template_or_non_json_data_is_refused_in_vietnamese(person, vp):
    with pytest.raises(ValidationError, match="Không có mẫu văn bản"):
        services.document_create(actor=person("hcqt"), agency=vp, template_key="khong_co", summary="x", data={})
    with pytest.raises(ValidationError, match="Dữ liệu văn bản không hợp lệ"):
        services.document_create(actor=person("hcqt"), agency=vp, template_key="quyet_dinh_khen_thuong",
                                 summary="x", data={"x": object()})
    with pytest.raises(ValidationError):
        services.document_create(actor=person("hcqt"), agency=vp, template_key="dang_ky_thi_dua",
                                 summary="x", data={}, doc_type="CV")


def test_text_typed_in_nfd_is_stored_in_nfc(person, vp):
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")

    document = services.document_create(
        actor=person("hcqt"), agency=vp, template_key="quyet_dinh_khen_thuong",
        summary=decomposed, data={"annex": [{"name": decomposed}]},
    )

    assert document.summary == "Nguyễn Thị Ánh" and document.data["annex"][0]["name"] == "Nguyễn Thị Ánh"


def test_the_secretariat_edits_a_draft_and_the_draft_shows_the_change(draft, person):
    edited = services.document_update(actor=person("hcqt"), document=draft,
                                      summary="Về việc tặng Giấy khen năm 2024",
                                      data={**DECISION, "articles": ["Tặng Giấy khen cho 02 cá nhân."]})

    text = pdf_text(services.document_draft_render(actor=person("hcqt"), document=edited))
    assert "Về việc tặng Giấy khen năm 2024" in text and "Tặng Giấy khen cho 02 cá nhân." in text
    assert draft.history.latest().history_user == person("hcqt")
    with pytest.raises(PermissionDenied):
        services.document_update(actor=person("truongphong.kt"), document=draft, summary="Khác")


def test_the_chief_signs_and_the_document_is_numbered_rendered_and_stored(draft, person, vp, committed):
    chief = person("chanhvp")
    year = timezone.localdate().year

    committed(services.document_sign, actor=chief, document=draft)

    document = IssuedDocument.objects.get(pk=draft.pk)
    assert document.status == DocumentStatus.READY
    assert (document.year, document.number, document.number_text) == (year, 1, "01/QĐ-VP")
    assert document.signer == chief and not document.signer_is_deputy and document.signed_at
    stored = document.pdf.open("rb").read()
    assert hashlib.sha256(stored).hexdigest() == document.pdf_sha256
    text = pdf_text(stored)
    assert rendering.text_sha256(text) == document.text_sha256
    assert "Số: 01/QĐ-VP" in text and "CHÁNH VĂN PHÒNG\nVũ Minh Tâm" in text and "DỰ THẢO" not in text
    assert document.snapshot["data"] == DECISION
    assert document.snapshot["doc"]["signer_name"] == "Vũ Minh Tâm"
    assert DocumentCounter.objects.get(agency=vp, year=year, doc_type="QĐ").last_number == 1
    assert document.history.latest().history_user == chief
    assert not str(Path(document.pdf.path)).startswith(str(Path(__file__).parents[2] / "static"))


def test_re_rendering_an_issued_document_gives_the_same_text_even_after_the_data_changed(draft, person, vp, committed):
    committed(services.document_sign, actor=person("chanhvp"), document=draft)
    document = IssuedDocument.objects.get(pk=draft.pk)
    issued_text = pdf_text(document.pdf.open("rb").read())
    vp.short_name = "Văn phòng Đổi Tên"
    vp.save()
    chief = person("chanhvp")
    chief.full_name = "Người Khác"
    chief.save()

    again = services.document_rerender_text(IssuedDocument.objects.get(pk=draft.pk))

    assert again == issued_text
    assert services.document_verify(IssuedDocument.objects.get(pk=draft.pk))


def test_a_tampered_pdf_fails_verification(draft, person, committed):
    committed(services.document_sign, actor=person("chanhvp"), document=draft)
    document = IssuedDocument.objects.get(pk=draft.pk)
    Path(document.pdf.path).write_bytes(b"%PDF-1.7 forged")

    assert not services.document_verify(document)


def test_a_deputy_signs_kt_for_the_chief(draft, person, committed):
    committed(services.document_sign, actor=person("phochanhvp2"), document=draft)

    document = IssuedDocument.objects.get(pk=draft.pk)
    assert document.signer_is_deputy
    assert document.snapshot["doc"]["signature_lines"] == ["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]


@pytest.mark.parametrize("username", ["hcqt", "truongphong.hcqt", "kiemtra", "sonoivu"])
def test_nobody_but_the_chief_or_a_deputy_signs(draft, person, username, committed):
    with pytest.raises(PermissionDenied, match="Chánh Văn phòng"):
        committed(services.document_sign, actor=person(username), document=draft)

    draft.refresh_from_db()
    assert draft.status == DocumentStatus.DRAFT and draft.signer is None
    assert not DocumentCounter.objects.exists()


def test_a_signed_document_can_neither_be_signed_again_nor_edited(draft, person, committed):
    committed(services.document_sign, actor=person("chanhvp"), document=draft)

    with pytest.raises(ValidationError):
        committed(services.document_sign, actor=person("chanhvp"), document=draft)
    with pytest.raises(ValidationError):
        services.document_update(actor=person("hcqt"), document=draft, data={"articles": ["Khác."]})
    assert IssuedDocument.objects.get(pk=draft.pk).number == 1


def test_a_failed_render_leaves_no_number_taken_and_can_be_retried(draft, person, vp, monkeypatch, committed):
    real_render = rendering.render_pdf

    def broken(*args, **kwargs):
        raise OSError("font cache unavailable")

    monkeypatch.setattr(rendering, "render_pdf", broken)
    committed(services.document_sign, actor=person("chanhvp"), document=draft)

    failed = IssuedDocument.objects.get(pk=draft.pk)
    assert failed.status == DocumentStatus.FAILED and "font cache unavailable" in failed.error
    assert failed.number is None and failed.number_text == "" and not failed.pdf and failed.snapshot is None
    assert not DocumentCounter.objects.filter(last_number__gt=0).exists()

    monkeypatch.setattr(rendering, "render_pdf", real_render)
    committed(services.document_retry, actor=person("chanhvp"), document=failed)

    issued = IssuedDocument.objects.get(pk=draft.pk)
    assert issued.status == DocumentStatus.READY and issued.number_text == "01/QĐ-VP"
    retried = AuditEvent.objects.get(action="document.retried", object_id=str(draft.pk))
    assert retried.actor == person("chanhvp") and "font cache unavailable" in retried.changes["failure"]


def test_numbers_follow_each_other_without_gaps_across_a_failure(person, vp, monkeypatch, committed):
    drafts = [
        services.document_create(actor=person("hcqt"), agency=vp, template_key="quyet_dinh_khen_thuong",
                                 summary=f"Quyết định {i}", data=DECISION)
        for i in range(3)
    ]
    real_render = rendering.render_pdf
    committed(services.document_sign, actor=person("chanhvp"), document=drafts[0])
    monkeypatch.setattr(rendering, "render_pdf", lambda *a, **k: (_ for _ in ()).throw(ValueError("hỏng")))
    committed(services.document_sign, actor=person("chanhvp"), document=drafts[1])
    monkeypatch.setattr(rendering, "render_pdf", real_render)
    committed(services.document_sign, actor=person("chanhvp"), document=drafts[2])

    numbers = {d.summary: d.number for d in IssuedDocument.objects.filter(pk__in=[d.pk for d in drafts])}
    assert numbers == {"Quyết định 0": 1, "Quyết định 1": None, "Quyết định 2": 2}


def test_a_collective_body_signs_tm(person, vp, committed):
    document = services.document_create(
        actor=person("hcqt"), agency=vp, template_key="bien_ban_hop_hoi_dong", summary="Họp Hội đồng",
        data={"chair": {"name": "Vũ Minh Tâm"}, "secretary": {"name": "Thư Ký"}, "tallies": []},
        signature_form=SignatureForm.COLLECTIVE, collective_name="Hội đồng Thi đua – Khen thưởng",
        collective_head_title="Chủ tịch",
    )

    committed(services.document_sign, actor=person("chanhvp"), document=document)

    lines = IssuedDocument.objects.get(pk=document.pk).snapshot["doc"]["signature_lines"]
    assert lines == ["TM. HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG", "CHỦ TỊCH"]


def test_signature_lines_for_every_form():
    titles = {"head_title": "Chánh Văn phòng", "deputy_title": "Phó Chánh Văn phòng",
              "collective_name": "Ủy ban nhân dân tỉnh", "collective_head_title": "Chủ tịch"}

    assert services.signature_lines(form=SignatureForm.HEAD, deputy=False, **titles) == ["CHÁNH VĂN PHÒNG"]
    assert services.signature_lines(form=SignatureForm.HEAD, deputy=True, **titles) == [
        "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]
    assert services.signature_lines(form=SignatureForm.COLLECTIVE, deputy=True, **titles) == [
        "TM. ỦY BAN NHÂN DÂN TỈNH", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def test_the_audit_chain_head_goes_into_the_pdf_metadata_when_the_audit_log_exists(draft, person, monkeypatch,
                                                                                    committed):
    monkeypatch.setattr(services, "audit_chain_head", lambda: "a1b2c3d4e5f6")

    committed(services.document_sign, actor=person("chanhvp"), document=draft)

    document = IssuedDocument.objects.get(pk=draft.pk)
    pdf = document.pdf.open("rb").read()
    assert document.snapshot["doc"]["audit_head"] == "a1b2c3d4e5f6"
    assert rendering.pdf_audit_head(pdf) == "a1b2c3d4e5f6"
    assert "a1b2c3d4e5f6" not in pdf_text(pdf)


def test_without_an_audit_log_there_is_no_chain_head(monkeypatch):
    import importlib

    def missing(name):
        raise ImportError(name)

    monkeypatch.setattr(importlib, "import_module", missing)

    assert audit_link.audit_chain_head() == ""


def test_a_draft_renders_with_the_watermark_for_the_secretariat_only(draft, person):
    text = pdf_text(services.document_draft_render(actor=person("hcqt"), document=draft))

    assert "DỰ THẢO" in text and "Số:" in text and "/QĐ-VP" in text
    with pytest.raises(PermissionDenied):
        services.document_draft_render(actor=person("truongphong.kt"), document=draft)


def test_weasyprint_is_not_imported_when_django_starts():
    code = (
        "import sys, django; django.setup(); import config.urls, workflow.documents.services, "
        "workflow.documents.views; print('weasyprint' in sys.modules)"
    )
    root = Path(__file__).parents[2]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120,
                         env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": "/usr/bin:/bin"}, check=True)

    assert out.stdout.strip() == "False"


def test_a_broker_refusing_the_issue_job_leaves_the_signature_and_the_document_queued(
        draft, person, monkeypatch, committed, caplog):
    from workflow.documents.tasks import document_issue_task

    def refused(*args, **kwargs):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(document_issue_task, "delay", refused)

    signed = committed(services.document_sign, actor=person("chanhvp"), document=draft)

    queued = IssuedDocument.objects.get(pk=signed.pk)
    assert queued.status == DocumentStatus.QUEUED and queued.signer == person("chanhvp") and queued.number is None
    assert "broker unreachable" in caplog.text
