"""``manage.py verify_documents``: the register can be re-checked at any time."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from accounts.models import Agency
from workflow.documents import services
from workflow.documents.models import IssuedDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(person, django_capture_on_commit_callbacks):
    draft = services.document_create(
        actor=person("hcqt"), agency=Agency.objects.get(code="VP"), template_key="quyet_dinh_khen_thuong",
        summary="Về việc tặng Giấy khen", data={"authority": "Chánh Văn phòng", "articles": ["Tặng."], "annex": []},
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.document_sign(actor=person("chanhvp"), document=draft)
    return IssuedDocument.objects.get(pk=draft.pk)


def test_untouched_documents_pass(issued):
    out = StringIO()

    call_command("verify_documents", "--agency", "VP", stdout=out)

    assert "1 văn bản đã ban hành: khớp, chữ ký số hợp lệ." in out.getvalue()


def test_a_replaced_pdf_is_reported_by_its_number(issued):
    Path(issued.pdf.path).write_bytes(b"%PDF-1.7 replaced")

    with pytest.raises(CommandError, match="01/QĐ-VP"):
        call_command("verify_documents", stdout=StringIO())
