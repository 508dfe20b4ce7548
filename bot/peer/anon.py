"""Keyed tags and sealed values, both derived from ANON_SECRET, which never enters the database.

* `tag(purpose, *parts)` is HMAC-SHA256 under a key derived for tags. Each purpose (and each post,
  hour or day it is about) gives unrelated values, so a database reader cannot compute a tag for a
  person, and two tags made for the same person in different places share nothing.
* `seal(text, context=…)` is AES-256-GCM under a second derived key, with a fresh random nonce and
  the context bound as associated data: the same text sealed twice looks unrelated, and a sealed
  value copied onto another row fails to open. Plaintexts are padded to a fixed size, so the length
  of a sealed value says nothing about what it holds.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

SEAL_BLOCK = 64  # sealed plaintexts are padded to a multiple of this many bytes
_NONCE = 12
_SEP = "\x1f"  # unit separator: cannot appear in Slack IDs or our purpose names


class SealBroken(Exception):
    """A sealed value did not open: tampered with, moved to another row, or made with another secret."""


def _derive(secret: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(secret)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Anon:
    """The bot's only way to recognise an anonymous author again. Thread-safe (no mutable state)."""

    def __init__(self, secret: str) -> None:
        material = secret.encode()
        self._tag_key = _derive(material, b"itabasami peer tags v1")
        self._aead = AESGCM(_derive(material, b"itabasami peer seals v1"))

    def tag(self, purpose: str, *parts: str) -> str:
        """A keyed hash of `parts` for one purpose (43 URL-safe characters)."""
        message = _SEP.join((purpose, *parts)).encode()
        return _b64(hmac.new(self._tag_key, message, hashlib.sha256).digest())

    def matches(self, stored: str | None, purpose: str, *parts: str) -> bool:
        return stored is not None and hmac.compare_digest(stored, self.tag(purpose, *parts))

    def seal(self, text: str, *, context: str) -> str:
        data = text.encode()
        padded = data + b"\x80" + b"\x00" * (-(len(data) + 1) % SEAL_BLOCK)
        nonce = os.urandom(_NONCE)
        return _b64(nonce + self._aead.encrypt(nonce, padded, context.encode()))

    def unseal(self, sealed: str, *, context: str) -> str:
        try:
            raw = _unb64(sealed)
            padded = self._aead.decrypt(raw[:_NONCE], raw[_NONCE:], context.encode())
        except (InvalidTag, ValueError) as exc:
            raise SealBroken(type(exc).__name__) from None
        return padded[: padded.rindex(b"\x80")].decode()
