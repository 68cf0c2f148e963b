"""The signature of a delivery and its verification (Stripe's scheme, our header names).

Each POST carries ``X-Thidua-Signature: t=<unix seconds>,v1=<hex>``, where ``<hex>`` is the HMAC-SHA256, keyed with
the subscription's secret, of ``"<t>.<raw body>"``. A receiver recomputes it over the body exactly as received
(before any JSON parsing), compares in constant time, and refuses a timestamp more than the replay window
(5 minutes) away from its own clock; the ``X-Thidua-Delivery`` id (the same on every retry of one delivery) lets
it ignore a repeat it already handled. ``verify_signature`` is that check, in the standard library only, so a
receiver may copy this module as it is.
"""

from __future__ import annotations

import hashlib
import hmac
import time

SIGNATURE_HEADER = "X-Thidua-Signature"
EVENT_HEADER = "X-Thidua-Event"
DELIVERY_HEADER = "X-Thidua-Delivery"
REPLAY_WINDOW_SECONDS = 300


class SignatureError(ValueError):
    """The delivery is not ours, was changed on the way, or is too old (a replay)."""


def signature(*, secret: str, body: bytes, timestamp: int) -> str:
    signed = str(int(timestamp)).encode() + b"." + body
    return hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def signature_header(*, secret: str, body: bytes, timestamp: int) -> str:
    return f"t={int(timestamp)},v1={signature(secret=secret, body=body, timestamp=timestamp)}"


def verify_signature(*, secret: str, body: bytes, header: str, tolerance: int = REPLAY_WINDOW_SECONDS,
                     now: float | None = None) -> int:
    """Check a delivery; return its timestamp, or raise ``SignatureError`` saying why it is refused."""
    parts: dict[str, list[str]] = {}
    for item in (header or "").split(","):
        key, _sep, value = item.strip().partition("=")
        parts.setdefault(key, []).append(value)
    try:
        timestamp = int(parts["t"][0])
    except (KeyError, ValueError):
        raise SignatureError("no timestamp in the signature header") from None
    candidates = parts.get("v1") or []
    if not candidates:
        raise SignatureError("no v1 signature in the signature header")
    now = time.time() if now is None else now
    if abs(now - timestamp) > tolerance:
        raise SignatureError("timestamp outside the replay window")
    expected = signature(secret=secret, body=body, timestamp=timestamp)
    if not any(hmac.compare_digest(expected, candidate) for candidate in candidates):
        raise SignatureError("signature does not match the body")
    return timestamp
