"""Where keys live: one interface, three back-ends, chosen by ``settings.DOCUMENT_SIGNING_BACKEND``.

- ``devca``: the development CA's key files under ``DOCUMENTS_ROOT/signing`` (``make run``, tests);
- ``pkcs11``: a USB token or an HSM through its PKCS#11 module (``python-pkcs11``; tested against SoftHSM2);
- ``remote``: a provincial signing service over HTTP — the service holds the keys and returns a raw signature
  of what we send it.

Each back-end gives a pyHanko ``Signer`` for one registered ``SigningCertificate`` (its ``key_label``), inside a
context manager that releases what it opened (a PKCS#11 session). Every failure a person can do something about
is a ``SigningError`` with a message in Vietnamese; the issuing then waits "chờ ký số" and is retried.
"""

from __future__ import annotations

import base64
import contextlib
import json
import warnings
from collections.abc import Callable, Iterator
from typing import Protocol

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from cryptography.utils import CryptographyDeprecationWarning
from django.conf import settings
from django.utils.translation import gettext as _
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from . import devca
from .models import SigningCertificate


class SigningError(Exception):
    """Signing could not be done now; the message is for the person who signed and the secretariat."""


def asn1_certificate(pem: str | bytes) -> asn1_x509.Certificate:
    data = pem.encode() if isinstance(pem, str) else pem
    from cryptography import x509  # noqa: PLC0415 - local alias keeps asn1crypto's x509 the module name here

    der = x509.load_pem_x509_certificate(data).public_bytes(serialization.Encoding.DER)
    return asn1_x509.Certificate.load(der)


def trust_roots() -> list[asn1_x509.Certificate]:
    """The configured roots (``DOCUMENT_SIGNING_TRUST_ROOTS``: PEM files, each one or more certificates — the
    national roots in production); with the development CA and none configured, the development CA itself."""
    files = list(getattr(settings, "DOCUMENT_SIGNING_TRUST_ROOTS", []) or [])
    if not files:
        if getattr(settings, "DOCUMENT_SIGNING_BACKEND", "devca") != "devca":
            return []
        devca.ca()
        return [asn1_certificate(devca.ca_paths()[0].read_bytes())]
    return [root for name in files for root in read_pem_bundle(name)]


def read_pem_bundle(name: str) -> list[asn1_x509.Certificate]:
    from cryptography import x509  # noqa: PLC0415

    with open(name, "rb") as handle, warnings.catch_warnings():
        # Some long-standing roots carry a serial number RFC 5280 disallows; they load, with a deprecation warning.
        warnings.simplefilter("ignore", CryptographyDeprecationWarning)
        found = x509.load_pem_x509_certificates(handle.read())
    return [asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)) for cert in found]


class Backend(Protocol):
    name: str

    def signer(self, certificate: SigningCertificate) -> contextlib.AbstractContextManager[signers.Signer]: ...


def _chain() -> SimpleCertificateStore:
    return SimpleCertificateStore.from_certs(trust_roots())


class DevCABackend:
    name = "devca"

    @contextlib.contextmanager
    def signer(self, certificate: SigningCertificate) -> Iterator[signers.Signer]:
        key = devca.private_key(certificate.key_label)
        if key is None:
            raise SigningError(_("Không tìm thấy khóa bí mật của chứng thư số “%(subject)s”.")
                               % {"subject": certificate.subject})
        der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
        yield signers.SimpleSigner(signing_cert=asn1_certificate(certificate.certificate_pem),
                                   signing_key=asn1_keys.PrivateKeyInfo.load(der), cert_registry=_chain())


class PKCS11Backend:
    """A token or HSM: ``DOCUMENT_SIGNING_PKCS11_MODULE`` (the .so), ``DOCUMENT_SIGNING_PKCS11_TOKEN`` (its label) and
    ``DOCUMENT_SIGNING_PKCS11_PIN`` (the user PIN, from the environment). The key is found by ``key_label``; the
    certificate is the registered one, so a token holding another certificate under that label cannot sign as
    somebody else."""

    name = "pkcs11"

    def __init__(self):
        # PKCS#11 logs an application in once per token: the person's and the agency's signatures of one document
        # share the session, which closes when the last signer is done.
        self._session = None
        self._users = 0

    def _open(self):
        import pkcs11 as p11  # noqa: PLC0415 - only this back-end needs the PKCS#11 binding
        from pyhanko.config.pkcs11 import TokenCriteria  # noqa: PLC0415
        from pyhanko.sign import pkcs11 as hanko_pkcs11  # noqa: PLC0415

        token = getattr(settings, "DOCUMENT_SIGNING_PKCS11_TOKEN", "")
        try:
            return hanko_pkcs11.open_pkcs11_session(
                getattr(settings, "DOCUMENT_SIGNING_PKCS11_MODULE", ""), token_criteria=TokenCriteria(label=token),
                user_pin=getattr(settings, "DOCUMENT_SIGNING_PKCS11_PIN", ""))
        except p11.PinIncorrect as exc:
            raise SigningError(_("Mã PIN của thiết bị ký số không đúng.")) from exc
        except (p11.PKCS11Error, OSError, RuntimeError) as exc:
            raise SigningError(_("Không kết nối được thiết bị ký số “%(token)s”: %(error)s")
                               % {"token": token, "error": type(exc).__name__}) from exc

    @contextlib.contextmanager
    def signer(self, certificate: SigningCertificate) -> Iterator[signers.Signer]:
        import pkcs11 as p11  # noqa: PLC0415
        from pyhanko.sign import pkcs11 as hanko_pkcs11  # noqa: PLC0415

        if self._session is None:
            self._session = self._open()
        self._users += 1
        try:
            cert = asn1_certificate(certificate.certificate_pem)
            # Many tokens (SoftHSM2 among them) sign ECDSA only over a digest computed outside: pyHanko hashes and
            # the token signs the raw digest (CKM_ECDSA).
            yield hanko_pkcs11.PKCS11Signer(self._session, key_label=certificate.key_label, signing_cert=cert,
                                            ca_chain=trust_roots(), other_certs_to_pull=None,
                                            use_raw_mechanism=cert.public_key.algorithm == "ec")
        except p11.PKCS11Error as exc:
            raise SigningError(_("Thiết bị ký số từ chối ký: %(error)s") % {"error": type(exc).__name__}) from exc
        finally:
            self._users -= 1
            if self._users == 0:
                session, self._session = self._session, None
                session.close()


# A transport posts JSON and returns the decoded JSON answer: requests by default, a fake in tests.
Transport = Callable[[str, dict, dict], dict]


def _requests_transport(url: str, payload: dict, headers: dict) -> dict:
    import requests  # noqa: PLC0415 - pyHanko depends on requests; only this back-end uses it

    try:
        response = requests.post(url, json=payload, headers=headers, timeout=20)
        response.raise_for_status()
        return response.json()
    except (requests.RequestException, json.JSONDecodeError) as exc:
        raise SigningError(_("Dịch vụ ký số không trả lời: %(error)s") % {"error": type(exc).__name__}) from exc


class RemoteSigner(signers.Signer):
    """Sends the data to sign to the service (``POST <url>/sign``: key, digest algorithm, data in base64) and
    embeds the raw signature it returns; the key never leaves the service."""

    def __init__(self, *, url: str, token: str, key_label: str, signing_cert, cert_registry, transport: Transport):
        super().__init__(signing_cert=signing_cert, cert_registry=cert_registry)
        self._url, self._token, self._key_label, self._transport = url, token, key_label, transport

    async def async_sign_raw(self, data: bytes, digest_algorithm: str, dry_run: bool = False) -> bytes:
        if dry_run:
            return bytes(self._placeholder_size())
        answer = self._transport(self._url.rstrip("/") + "/sign",
                                 {"key": self._key_label, "digest_algorithm": digest_algorithm,
                                  "data": base64.b64encode(data).decode()},
                                 {"Authorization": f"Bearer {self._token}"} if self._token else {})
        try:
            return base64.b64decode(answer["signature"], validate=True)
        except (KeyError, TypeError, ValueError) as exc:
            raise SigningError(_("Dịch vụ ký số trả lời không đúng định dạng.")) from exc

    def _placeholder_size(self) -> int:
        public_key = self.signing_cert.public_key
        if public_key.algorithm == "ec":
            return 8 + 2 * ((public_key.bit_size + 7) // 8) + 2
        return (public_key.bit_size + 7) // 8


class RemoteBackend:
    """``DOCUMENT_SIGNING_REMOTE_URL`` and ``DOCUMENT_SIGNING_REMOTE_TOKEN``; ``transport`` is replaced in tests by
    a fake service."""

    name = "remote"
    transport: Transport = staticmethod(_requests_transport)

    @contextlib.contextmanager
    def signer(self, certificate: SigningCertificate) -> Iterator[signers.Signer]:
        url = getattr(settings, "DOCUMENT_SIGNING_REMOTE_URL", "")
        if not url:
            raise SigningError(_("Chưa cấu hình địa chỉ dịch vụ ký số."))
        yield RemoteSigner(url=url, token=getattr(settings, "DOCUMENT_SIGNING_REMOTE_TOKEN", ""),
                           key_label=certificate.key_label,
                           signing_cert=asn1_certificate(certificate.certificate_pem), cert_registry=_chain(),
                           transport=type(self).transport)


BACKENDS: dict[str, type] = {"devca": DevCABackend, "pkcs11": PKCS11Backend, "remote": RemoteBackend}


def get_backend() -> Backend:
    name = getattr(settings, "DOCUMENT_SIGNING_BACKEND", "devca")
    try:
        return BACKENDS[name]()
    except KeyError:
        raise SigningError(_("Cấu hình ký số không hợp lệ: “%(name)s”.") % {"name": name}) from None


def timestamper():
    """RFC 3161: ``DOCUMENT_SIGNING_TSA_URL`` (a TSA's address), ``"dev"`` for the local test authority, or none."""
    url = getattr(settings, "DOCUMENT_SIGNING_TSA_URL", "")
    if not url:
        return None
    from pyhanko.sign import timestamps  # noqa: PLC0415

    if url == "dev":
        cert, key = devca.timestamping_authority()
        der_key = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
        return timestamps.DummyTimeStamper(
            tsa_cert=asn1_certificate(cert.public_bytes(serialization.Encoding.PEM)),
            tsa_key=asn1_keys.PrivateKeyInfo.load(der_key), certs_to_embed=SimpleCertificateStore.from_certs(
                trust_roots()))
    return timestamps.HTTPTimeStamper(url, timeout=20)
