"""The administrator registers and revokes signing certificates in the admin, through the services (issue 19):
a bad file gets a Vietnamese message and nothing is stored; every change is an audit event."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from workflow.audit.models import AuditEvent
from workflow.signing import devca
from workflow.signing import services as signing
from workflow.signing.appearance import signature_png
from workflow.signing.models import SigningCertificate

pytestmark = pytest.mark.django_db


def _form(person, pem: bytes, **extra) -> dict:
    return {"user": person.pk, "agency": "", "key_label": "token-chanhvp",
            "certificate_file": SimpleUploadedFile("chanhvp.pem", pem), **extra}


def test_the_administrator_registers_a_tokens_certificate_with_its_signature_image(login, person):
    chief = person("chanhvp")
    issued = devca.issue(common_name=chief.full_name, organisation="VP", serial_hint="chanhvp")
    image = signature_png(chief.full_name)

    response = login("admin").post(reverse("admin:workflow_signingcertificate_add"), _form(
        chief, issued.pem.encode(), image_file=SimpleUploadedFile("chu-ky.png", image)))

    assert response.status_code == 302, response.content.decode()[:2000]
    row = SigningCertificate.objects.get(key_label="token-chanhvp")
    assert row.user == chief and bytes(row.image_png) == image and row.subject.startswith("C=VN")
    event = AuditEvent.objects.get(action=signing.CERTIFICATE_REGISTERED, object_id=str(row.pk))
    assert event.actor == person("admin") and event.changes["fingerprint"] == row.fingerprint


@pytest.mark.parametrize(("content", "message"), [
    (b"not a certificate", "Tệp chứng thư số không đọc được (cần định dạng PEM)."),
])
def test_a_file_that_is_not_a_certificate_is_refused_in_vietnamese(login, person, content, message):
    before = SigningCertificate.objects.count()

    response = login("admin").post(reverse("admin:workflow_signingcertificate_add"), _form(person("chanhvp"), content))

    assert response.status_code == 200 and message in response.content.decode()
    assert SigningCertificate.objects.count() == before


def test_a_certificate_for_nobody_or_registered_twice_is_refused(login, person):
    chief = person("chanhvp")
    issued = devca.issue(common_name=chief.full_name, organisation="VP", serial_hint="chanhvp")
    admin = login("admin")
    url = reverse("admin:workflow_signingcertificate_add")

    nobody = admin.post(url, {**_form(chief, issued.pem.encode()), "user": ""})
    admin.post(url, _form(chief, issued.pem.encode()))
    twice = admin.post(url, _form(chief, issued.pem.encode()))

    assert "Chứng thư số phải thuộc đúng một người hoặc một cơ quan." in nobody.content.decode()
    assert "Chứng thư số này đã được đăng ký." in twice.content.decode()
    assert SigningCertificate.objects.filter(key_label="token-chanhvp").count() == 1


def test_the_administrator_revokes_and_nothing_is_signed_with_it_any_more(login, person):
    chief = person("chanhvp")
    certificate = signing.certificate_for(user=chief)

    login("admin").post(reverse("admin:workflow_signingcertificate_changelist"),
                        {"action": "revoke_selected", "_selected_action": [certificate.pk]})

    certificate.refresh_from_db()
    assert certificate.revoked_at is not None
    assert AuditEvent.objects.filter(action=signing.CERTIFICATE_REVOKED, object_id=str(certificate.pk)).exists()
    with pytest.raises(signing.SigningError, match="đã bị thu hồi"):
        signing.certificate_for(user=chief)


def test_only_the_administrator_registers(login, person):
    chief = person("chanhvp")
    issued = devca.issue(common_name=chief.full_name, organisation="VP", serial_hint="chanhvp")
    url = reverse("admin:workflow_signingcertificate_add")

    response = login("chanhvp").post(url, _form(chief, issued.pem.encode()))

    assert response.status_code in (302, 403) and not SigningCertificate.objects.filter(key_label="token-chanhvp")
    with pytest.raises(signing.PermissionDenied):
        signing.certificate_register(actor=chief, certificate_pem=issued.pem, key_label="x", user=chief)
