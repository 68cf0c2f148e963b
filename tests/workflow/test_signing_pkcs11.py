"""Ký số through a PKCS#11 token (issue 19): SoftHSM2 stands in for the USB token or the HSM. The keys are made
on the token and never leave it; the certificates are registered in the application with the token's key labels.

``.ci/run`` installs Debian's softhsm2 and sets REQUIRE_SOFTHSM, so there this file runs, never skips."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.reader import PdfFileReader

from accounts.models import Agency
from tests.workflow.test_documents_services import DECISION
from workflow.documents import services
from workflow.documents.models import DocumentCounter, DocumentStatus, IssuedDocument
from workflow.signing import devca
from workflow.signing import services as signing
from workflow.signing.models import SigningCertificate

MODULES = ["/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"]
MODULE = next((path for path in MODULES if Path(path).exists()), None)
TOKEN, SO_PIN, PIN = "thidua-test", "12345678", "246810"

if MODULE is None and os.environ.get("REQUIRE_SOFTHSM"):
    raise RuntimeError("REQUIRE_SOFTHSM is set but SoftHSM2 is not installed (apt-get install softhsm2)")

pytestmark = [pytest.mark.django_db,
              pytest.mark.skipif(MODULE is None, reason="SoftHSM2 is not installed (.ci/run installs softhsm2)")]


@pytest.fixture(scope="session")
def token(tmp_path_factory):
    """One SoftHSM2 token for this test process: its own configuration and token folder (SoftHSM reads
    SOFTHSM2_CONF when the module is first initialised, so once per process)."""
    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    subprocess.run([shutil.which("softhsm2-util") or "softhsm2-util", "--init-token", "--free", "--label", TOKEN,
                    "--so-pin", SO_PIN, "--pin", PIN], check=True, capture_output=True)
    return TOKEN


def _key_on_token(label: str):
    """An ECDSA P-256 key pair generated on the token; only the public key comes out."""
    import pkcs11
    from pkcs11 import Attribute, KeyType
    from pkcs11.util.ec import encode_ec_public_key, encode_named_curve_parameters

    lib = pkcs11.lib(MODULE)
    with lib.get_token(token_label=TOKEN).open(rw=True, user_pin=PIN) as session:
        parameters = session.create_domain_parameters(
            KeyType.EC, {Attribute.EC_PARAMS: encode_named_curve_parameters("secp256r1")}, local=True)
        public, _private = parameters.generate_keypair(store=True, label=label)
        return serialization.load_der_public_key(encode_ec_public_key(public))


@pytest.fixture
def on_token(token, person, settings):
    """The chief's and the Office's keys on the token, their certificates (issued by the development CA, which
    stays the trust root) registered by the administrator; the application configured for the token."""
    chief, office = person("chanhvp"), Agency.objects.get(code="VP")
    SigningCertificate.objects.filter(user=chief).delete()
    SigningCertificate.objects.filter(agency=office).delete()
    for owner, name, label in ((chief, chief.full_name, f"chanhvp-{os.getpid()}-{id(settings)}"),
                               (office, office.name, f"vp-{os.getpid()}-{id(settings)}")):
        issued = devca.issue(common_name=name, organisation=office.name, serial_hint=label,
                             public_key=_key_on_token(label), key_label=label)
        kwargs = {"user": owner} if owner is chief else {"agency": owner}
        signing.certificate_register(actor=person("admin"), certificate_pem=issued.pem, key_label=label, **kwargs)
    settings.DOCUMENT_SIGNING_BACKEND = "pkcs11"
    settings.DOCUMENT_SIGNING_PKCS11_MODULE = MODULE
    settings.DOCUMENT_SIGNING_PKCS11_TOKEN = TOKEN
    settings.DOCUMENT_SIGNING_PKCS11_PIN = PIN
    settings.DOCUMENT_SIGNING_DEV_AUTO_ISSUE = False
    settings.DOCUMENT_SIGNING_TRUST_ROOTS = [str(devca.ca_paths()[0])]  # the token's certificates' CA
    return chief


@pytest.fixture
def issue(person, django_capture_on_commit_callbacks):
    def run() -> IssuedDocument:
        draft = services.document_create(
            actor=person("hcqt"), agency=Agency.objects.get(code="VP"), template_key="quyet_dinh_khen_thuong",
            summary="Về việc tặng Giấy khen", data=DECISION, issuer_unit_code="HCQT")
        with django_capture_on_commit_callbacks(execute=True):
            services.document_sign(actor=person("chanhvp"), document=draft)
        return IssuedDocument.objects.get(pk=draft.pk)

    return run


def test_a_decision_is_signed_on_the_token_end_to_end(on_token, issue):
    document = issue()

    assert document.status == DocumentStatus.READY, document.error
    with document.pdf.open("rb") as handle:
        signatures = list(PdfFileReader(io.BytesIO(handle.read())).embedded_signatures)
    registered = {c.fingerprint: c for c in SigningCertificate.objects.filter(key_label__contains=str(os.getpid()))}
    assert [registered[s.signer_cert.sha256.hex()].owner for s in signatures] == [on_token, document.agency]
    assert services.document_check(document, rerender=False).valid


def test_a_wrong_pin_leaves_the_document_waiting_with_a_message_and_no_number(on_token, issue, settings):
    settings.DOCUMENT_SIGNING_PKCS11_PIN = "000000"

    document = issue()

    assert document.status == DocumentStatus.SIGN_PENDING and document.number is None
    assert document.error == "Mã PIN của thiết bị ký số không đúng."
    assert not DocumentCounter.objects.exists()


def test_a_missing_token_leaves_the_document_waiting(on_token, issue, settings):
    settings.DOCUMENT_SIGNING_PKCS11_TOKEN = "no-such-token"

    document = issue()

    assert document.status == DocumentStatus.SIGN_PENDING
    assert document.error.startswith("Không kết nối được thiết bị ký số “no-such-token”")
