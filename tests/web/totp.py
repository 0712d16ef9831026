"""The code of an authenticator app, computed by the tests themselves (RFC 6238), not by the
library under test: for logins with a second factor."""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time


def totp(secret: str, at: float) -> str:
    """The 6-digit code of RFC 6238 at Unix time ``at``: HOTP (RFC 4226) of the 30-second
    counter, HMAC-SHA1 with dynamic truncation."""
    key = base64.b32decode(secret, casefold=True)
    counter = int(at // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def current_code(secret: str) -> str:
    """This period's code, with at least two seconds of it left (allauth accepts it and the
    codes of one period either side, settings.MFA_TOTP_TOLERANCE)."""
    if 30 - time.time() % 30 < 2:
        time.sleep(30 - time.time() % 30 + 0.1)
    return totp(secret, time.time())
