"""The development CA: a local certification authority that ``seed_demo`` (and the first signature in a
development or test database) uses to give each demo person and agency a certificate.

Files live under ``DOCUMENTS_ROOT/signing/`` — outside git and outside static, like every private file — and
are readable by the process owner only. Keys are ECDSA P-256 (allowed for signing software by the technical
rules read for issue 19: "ECDSA ≥ 256"; see docs/legal-basis.md). Never the production set-up: there the keys
are on a token (PKCS#11) or at the provincial signing service, and the trust roots are the national ones.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings

CA_NAME = "CA phát triển Thi đua – Khen thưởng (thử nghiệm)"
_lock = threading.Lock()


def root() -> Path:
    return Path(settings.DOCUMENTS_ROOT) / "signing"


def _private_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)


def _pem_key(key) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


@dataclass(frozen=True)
class Issued:
    certificate: x509.Certificate
    key_label: str

    @property
    def pem(self) -> str:
        return self.certificate.public_bytes(serialization.Encoding.PEM).decode()


def ca_paths() -> tuple[Path, Path]:
    return root() / "ca" / "ca.pem", root() / "ca" / "ca.key.pem"


def ca() -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    """The CA's certificate and key, created the first time (ten years)."""
    cert_path, key_path = ca_paths()
    with _lock:
        if not cert_path.exists():
            key = ec.generate_private_key(ec.SECP256R1())
            name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, CA_NAME)])
            now = dt.datetime.now(dt.UTC)
            cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                    .serial_number(x509.random_serial_number())
                    .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=3650))
                    .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
                    .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False,
                                                 key_encipherment=False, data_encipherment=False, key_agreement=False,
                                                 key_cert_sign=True, crl_sign=True, encipher_only=False,
                                                 decipher_only=False), critical=True)
                    .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
                    .sign(key, hashes.SHA256()))
            _private_write(key_path, _pem_key(key))
            _private_write(cert_path, cert.public_bytes(serialization.Encoding.PEM))
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
    return cert, key


def key_path(key_label: str) -> Path:
    return root() / "keys" / f"{key_label}.key.pem"


def issue(*, common_name: str, organisation: str, serial_hint: str, valid_from: dt.datetime | None = None,
          valid_days: int = 730, timestamping: bool = False, public_key=None, key_label: str = "",
          rsa_key: bool = False) -> Issued:
    """A new key and certificate for one owner; the key is written under ``DOCUMENTS_ROOT/signing/keys``.

    ``serial_hint`` (a username or an agency code) goes into the subject's serialNumber, as the national CA
    puts an identity number there. With ``public_key`` (a key made on a token) only the certificate is made, and
    ``key_label`` names the key on the token."""
    ca_cert, ca_key = ca()
    if public_key is not None:
        key = None
    elif rsa_key:  # pyHanko's local test authority signs with RSA only
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    else:
        key = ec.generate_private_key(ec.SECP256R1())
    public_key = public_key if public_key is not None else key.public_key()
    start = valid_from or dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    name = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64]),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, (organisation or "—")[:64]),
        x509.NameAttribute(NameOID.SERIAL_NUMBER, serial_hint[:64]),
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
    ])
    builder = (x509.CertificateBuilder().subject_name(name).issuer_name(ca_cert.subject).public_key(public_key)
               .serial_number(x509.random_serial_number())
               .not_valid_before(start).not_valid_after(start + dt.timedelta(days=valid_days))
               .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
               .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=not timestamping,
                                            key_encipherment=False, data_encipherment=False, key_agreement=False,
                                            key_cert_sign=False, crl_sign=False, encipher_only=False,
                                            decipher_only=False), critical=True)
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False))
    if timestamping:
        builder = builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
    cert = builder.sign(ca_key, hashes.SHA256())
    if key is None:
        return Issued(certificate=cert, key_label=key_label)
    label = "dev-" + hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()[:24]
    _private_write(key_path(label), _pem_key(key))
    return Issued(certificate=cert, key_label=label)


def private_key(key_label: str):
    path = key_path(key_label)
    if not path.exists():
        return None
    return serialization.load_pem_private_key(path.read_bytes(), password=None)


_tsa: tuple[x509.Certificate, object] | None = None


def timestamping_authority() -> tuple[x509.Certificate, object]:
    """A local RFC 3161 authority for development and tests (certificate issued by the development CA)."""
    global _tsa  # noqa: PLW0603 - one authority per process
    cert_path = root() / "tsa" / "tsa.pem"
    with _lock:
        if _tsa is not None and cert_path.exists():
            return _tsa
    if not cert_path.exists():
        issued = issue(common_name="TSA phát triển (không dùng thật)", organisation="Thi đua – Khen thưởng",
                       serial_hint="tsa", valid_days=3650, timestamping=True, rsa_key=True)
        _private_write(cert_path, issued.pem.encode())
        _private_write(root() / "tsa" / "label", issued.key_label.encode())
    label = (root() / "tsa" / "label").read_text()
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    _tsa = (cert, private_key(label))
    return _tsa
