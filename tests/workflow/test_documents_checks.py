"""The document engine's system checks."""

from pathlib import Path

from workflow.documents import checks
from workflow.documents.kinds import DocumentKind, _kinds


def test_the_shipped_settings_keep_documents_private_and_every_template_exists():
    assert checks.check_documents_are_private() == []
    assert checks.check_document_templates_exist() == []


def test_documents_under_media_are_reported(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.DOCUMENTS_ROOT = Path(tmp_path) / "documents"

    assert [error.id for error in checks.check_documents_are_private()] == ["workflow.E301"]


def test_a_kind_without_its_template_is_reported(monkeypatch):
    monkeypatch.setitem(_kinds, "thong_bao", DocumentKind("thong_bao", "Thông báo", "documents/khong_co.html",
                                                          "THÔNG BÁO", "TB"))

    assert [error.id for error in checks.check_document_templates_exist()] == ["workflow.E302"]
