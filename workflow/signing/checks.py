"""System checks of the signing set-up: a back-end that can sign, trust roots that can be read, and no development
CA in production (``check --deploy``)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core import checks

from accounts.checks import checks_app

from .backends import BACKENDS, read_pem_bundle


@checks.register(checks.Tags.security)
def check_signing_backend(app_configs=None, **kwargs):
    if not checks_app(app_configs, "workflow"):
        return []
    errors = []
    backend = getattr(settings, "DOCUMENT_SIGNING_BACKEND", "devca")
    if backend not in BACKENDS:
        errors.append(checks.Error(
            f"DOCUMENT_SIGNING_BACKEND is {backend!r}; it must be one of {', '.join(BACKENDS)}.", id="workflow.E401"))
    if backend == "pkcs11":
        module = getattr(settings, "DOCUMENT_SIGNING_PKCS11_MODULE", "")
        if not module or not Path(module).exists():
            errors.append(checks.Error(
                f"DOCUMENT_SIGNING_PKCS11_MODULE ({module!r}) is not a PKCS#11 module on this machine.",
                hint="Install the token's driver (e.g. softhsm2) and point the setting at its .so file.",
                id="workflow.E402"))
        if not getattr(settings, "DOCUMENT_SIGNING_PKCS11_TOKEN", ""):
            errors.append(checks.Error("DOCUMENT_SIGNING_PKCS11_TOKEN (the token's label) is not set.",
                                       id="workflow.E403"))
    if backend == "remote" and not getattr(settings, "DOCUMENT_SIGNING_REMOTE_URL", ""):
        errors.append(checks.Error("DOCUMENT_SIGNING_REMOTE_URL is not set for the remote signing service.",
                                   id="workflow.E404"))
    for name in getattr(settings, "DOCUMENT_SIGNING_TRUST_ROOTS", []) or []:
        try:
            if not read_pem_bundle(name):
                raise ValueError("no certificate")
        except (OSError, ValueError) as exc:
            errors.append(checks.Error(f"Trust root file {name!r} cannot be read as PEM certificates: {exc}",
                                       id="workflow.E405"))
    return errors


@checks.register(checks.Tags.security, deploy=True)
def check_signing_for_production(app_configs=None, **kwargs):
    if not checks_app(app_configs, "workflow"):
        return []
    warnings = []
    if getattr(settings, "DOCUMENT_SIGNING_BACKEND", "devca") == "devca":
        warnings.append(checks.Warning(
            "Documents are signed by the development CA, whose keys are files on this server.",
            hint="Set DOCUMENT_SIGNING_BACKEND to pkcs11 (token or HSM) or remote (the provincial signing service).",
            id="workflow.W406"))
    elif not getattr(settings, "DOCUMENT_SIGNING_TRUST_ROOTS", []):
        warnings.append(checks.Warning(
            "No DOCUMENT_SIGNING_TRUST_ROOTS: no signature can be checked as trusted.",
            hint="List the PEM files of the national roots (Ban Cơ yếu Chính phủ's root for chữ ký số chuyên dùng "
                 "công vụ).", id="workflow.W407"))
    if getattr(settings, "DOCUMENT_SIGNING_DEV_AUTO_ISSUE", False):
        warnings.append(checks.Warning("DOCUMENT_SIGNING_DEV_AUTO_ISSUE is on: certificates would be made up.",
                                       id="workflow.W408"))
    return warnings
