"""The register over HTTP: what a person sees, signs and downloads, and what they may not."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Agency
from tests.factories import AgencyFactory, UnitFactory, UserFactory
from workflow.documents import services, tasks
from workflow.documents.models import DocumentStatus, IssuedDocument, RecipientKind

pytestmark = pytest.mark.django_db

DATA = {"authority": "Chánh Văn phòng UBND tỉnh Quảng Ngãi", "articles": ["Tặng Giấy khen."], "annex": []}


@pytest.fixture
def draft(person):
    return services.document_create(
        actor=person("hcqt"), agency=Agency.objects.get(code="VP"), template_key="quyet_dinh_khen_thuong",
        summary="Về việc tặng Giấy khen <script>alert(1)</script>", data=DATA, issuer_unit_code="HCQT",
    )


def test_the_chief_signs_from_the_page_and_downloads_the_pdf_as_an_attachment(
    draft, login, django_capture_on_commit_callbacks
):
    client = login("chanhvp")
    page = client.get(reverse("documents:detail", args=[draft.pk])).content.decode()
    assert 'id="sign"' in page and "&lt;script&gt;" in page and "<script>alert" not in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("documents:sign", args=[draft.pk]))

    page = client.get(reverse("documents:detail", args=[draft.pk])).content.decode()
    assert "Đã ban hành" in page and 'id="download"' in page and 'http-equiv="refresh"' not in page
    download = client.get(reverse("documents:download", args=[draft.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    body = b"".join(download.streaming_content)
    assert body.startswith(b"%PDF") and body == IssuedDocument.objects.get(pk=draft.pk).pdf.open("rb").read()


def test_while_the_pdf_is_being_made_the_page_shows_progress_and_refreshes(draft, login, monkeypatch):
    monkeypatch.setattr(tasks, "enqueue_issue", lambda document_id: None)
    client = login("chanhvp")
    client.post(reverse("documents:sign", args=[draft.pk]))

    page = client.get(reverse("documents:detail", args=[draft.pk])).content.decode()

    assert IssuedDocument.objects.get(pk=draft.pk).status == DocumentStatus.QUEUED
    assert 'http-equiv="refresh"' in page and 'id="progress"' in page and 'id="download"' not in page
    assert client.get(reverse("documents:download", args=[draft.pk])).status_code == 404


def test_a_failed_render_is_shown_and_can_be_started_again(draft, login, monkeypatch,
                                                          django_capture_on_commit_callbacks):
    from workflow.documents import rendering

    real = rendering.render_pdf
    monkeypatch.setattr(rendering, "render_pdf", lambda *a, **k: (_ for _ in ()).throw(OSError("hết bộ nhớ")))
    client = login("chanhvp")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("documents:sign", args=[draft.pk]))
    page = client.get(reverse("documents:detail", args=[draft.pk])).content.decode()
    assert 'id="failed"' in page and "chưa được cấp số" in page

    monkeypatch.setattr(rendering, "render_pdf", real)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("documents:retry", args=[draft.pk]))

    assert IssuedDocument.objects.get(pk=draft.pk).status == DocumentStatus.READY


def test_someone_who_may_not_sign_gets_a_vietnamese_message_and_nothing_changes(draft, login):
    client = login("hcqt")

    response = client.post(reverse("documents:sign", args=[draft.pk]), follow=True)

    assert response.status_code == 200
    assert "Chỉ Chánh Văn phòng hoặc Phó Chánh Văn phòng mới được ký" in response.content.decode()
    assert IssuedDocument.objects.get(pk=draft.pk).status == DocumentStatus.DRAFT


@pytest.mark.parametrize("username", ["truongphong.kt", "canbo.kt.02"])
def test_outside_the_scope_a_document_is_as_missing_as_one_that_does_not_exist(draft, login, username):
    client = login(username)

    for name in ("detail", "download", "draft"):
        assert client.get(reverse(f"documents:{name}", args=[draft.pk])).status_code == 404
        assert client.get(reverse(f"documents:{name}", args=[draft.pk + 1000])).status_code == 404
    assert client.post(reverse("documents:sign", args=[draft.pk])).status_code == 404


def test_a_person_of_another_agency_sees_nothing_of_the_office(draft, client):
    other = UserFactory(unit=UnitFactory(agency=AgencyFactory()))
    client.force_login(other)

    assert client.get(reverse("documents:detail", args=[draft.pk])).status_code == 404
    assert "Về việc tặng Giấy khen" not in client.get(reverse("documents:index")).content.decode()


def test_home_affairs_reads_an_issued_document_only_when_it_is_among_its_recipients(
        draft, person, login, django_capture_on_commit_callbacks):
    """Issue 15: a document reaches another agency through its Nơi nhận. The Quyết định (units and people of the
    Office, its archive) never reaches Sở Nội vụ; the same text addressed to it does, once issued, never before."""
    sent = services.document_create(
        actor=person("hcqt"), agency=draft.agency, template_key="quyet_dinh_khen_thuong", summary=draft.summary,
        data=DATA, issuer_unit_code="HCQT", recipients=[services.Recipient(RecipientKind.HOME_AFFAIRS)])
    client = login("sonoivu")
    assert [client.get(reverse("documents:detail", args=[d.pk])).status_code for d in (draft, sent)] == [404, 404]

    with django_capture_on_commit_callbacks(execute=True):
        services.document_sign(actor=person("chanhvp"), document=draft)
        services.document_sign(actor=person("chanhvp"), document=sent)

    assert [r.kind for r in draft.recipients.all()] == [RecipientKind.INTERNAL, RecipientKind.ARCHIVE]
    assert client.get(reverse("documents:detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("documents:download", args=[draft.pk])).status_code == 404
    assert client.get(reverse("documents:detail", args=[sent.pk])).status_code == 200
    assert client.get(reverse("documents:download", args=[sent.pk])).status_code == 200


def test_a_recipient_agency_must_be_another_agency(draft, person):
    with pytest.raises(ValidationError, match="cơ quan khác"):
        services.document_create(
            actor=person("hcqt"), agency=draft.agency, template_key="quyet_dinh_khen_thuong", summary="x",
            data=DATA, recipients=[services.Recipient(RecipientKind.AGENCY, agency=draft.agency)])
    assert IssuedDocument.objects.filter(summary="x").count() == 0


def test_the_secretariat_downloads_the_draft_with_its_watermark(draft, login):
    response = login("hcqt").get(reverse("documents:draft", args=[draft.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"%PDF")


def test_the_auditor_reads_the_register_but_gets_no_draft_and_no_sign_button(draft, login):
    client = login("kiemtra")

    page = client.get(reverse("documents:detail", args=[draft.pk])).content.decode()

    assert "Về việc tặng Giấy khen" in page and 'id="sign"' not in page
    assert client.get(reverse("documents:draft", args=[draft.pk])).status_code == 404


def test_the_register_lists_documents_in_scope_with_few_queries(person, login, django_assert_max_num_queries):
    vp = Agency.objects.get(code="VP")
    for index in range(12):
        services.document_create(actor=person("hcqt"), agency=vp, template_key="quyet_dinh_khen_thuong",
                                 summary=f"Văn bản thứ {index}", data=DATA)
    client = login("chanhvp")
    client.get(reverse("documents:index"))  # a cold worker's first request fills its caches and renews the session

    with django_assert_max_num_queries(12):
        page = client.get(reverse("documents:index")).content.decode()

    assert all(f"Văn bản thứ {index}" in page for index in range(12))


def test_anonymous_visitors_are_sent_to_log_in(draft, client):
    response = client.get(reverse("documents:download", args=[draft.pk]))

    assert response.status_code == 302 and reverse("login") in response["Location"]
