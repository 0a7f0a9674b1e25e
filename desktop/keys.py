"""Key material: the vault key, passphrase and recovery key derivation, and key wrapping.

- The **vault key** is 32 random bytes that open the SQLCipher database as a raw key. It lives in a
  ``bytearray`` (``SecretKey``) so that locking can overwrite it.
- An **account slot** wraps the vault key with AES-256-GCM under a key derived from the passphrase by
  Argon2id (argon2-cffi). The associated data binds the vault id, account name and role, so a slot
  cannot be moved to another account or given another role.
- The **recovery slot** wraps the vault key under a key derived from a random 32-byte recovery
  secret with HKDF-SHA256. A slow KDF would add nothing there: the secret has 256 bits of entropy,
  nobody can guess it, so the derivation only has to separate keys, not to slow guessing.

Python cannot promise that no copy of a secret stays in memory: ``bytes`` objects passed to the
cryptography libraries are immutable and freed, not overwritten. What we do: keep the long-lived
vault key in one ``bytearray`` and wipe it on lock, and build SQLCipher's key string in a
``bytearray`` that is wiped right after use.
"""
from __future__ import annotations

import base64
import ctypes
import hashlib
import os
import unicodedata
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from .vault_errors import RecoveryKeyMistyped

KEY_LEN = 32
SALT_LEN = 16
NONCE_LEN = 12
FAST_KDF_ENV = "ONESTOP_TEST_FAST_KDF"


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost: passes over memory, memory in KiB, lanes."""

    time_cost: int
    memory_kib: int
    parallelism: int

    def check(self) -> "KdfParams":
        """Refuse absurd values read from a key file (a tampered file must not exhaust memory)."""
        if not (1 <= self.time_cost <= 64 and 8 <= self.memory_kib <= 4 * 1024 * 1024
                and 1 <= self.parallelism <= 16 and self.memory_kib >= 8 * self.parallelism):
            raise ValueError("Argon2id parameters out of range")
        return self


# Chosen on the 2-core development VM (AMD EPYC, Python 3.11, argon2-cffi 25.1; the VM is shared, so
# figures move by +-30%): the Argon2id call alone takes 0.26-0.35 s (median 0.30 s over 9), a whole
# unlock 0.32-0.38 s (bench_vault.py (c)). t=2 measured 0.17-0.27 s, dipping under the 0.2 s floor
# on a quiet VM. 128 MiB makes each guess costly on a GPU; p=2 uses both cores of a typical kiosk (a
# one-core machine takes about twice as long). Stored per slot, so raising them later is safe.
ARGON2ID = KdfParams(time_cost=3, memory_kib=128 * 1024, parallelism=2)
# For tests that are not about key derivation only; never used unless the variable is set to 1.
FAST_FOR_TESTS = KdfParams(time_cost=1, memory_kib=64, parallelism=1)


def default_kdf() -> KdfParams:
    """The Argon2id parameters for new account slots. The one place that reads ``ONESTOP_TEST_FAST_KDF``."""
    return FAST_FOR_TESTS if os.environ.get(FAST_KDF_ENV) == "1" else ARGON2ID


class SecretKey:
    """The vault key, held in a mutable buffer so that :meth:`wipe` can overwrite it."""

    __slots__ = ("_buf",)

    def __init__(self, data: bytes | bytearray):
        if len(data) != KEY_LEN:
            raise ValueError("a vault key has 32 bytes")
        self._buf = bytearray(data)

    @classmethod
    def generate(cls) -> "SecretKey":
        return cls(os.urandom(KEY_LEN))

    def bytes(self) -> bytes:
        """A short-lived immutable copy, for the cryptography libraries (see the module docstring)."""
        return bytes(self._buf)

    def sqlcipher_key(self) -> bytearray:
        """``x'<64 hex digits>'``: SQLCipher's raw-key form (no second KDF). The caller wipes it."""
        out = bytearray(b"x'") + bytearray(67)
        hexdigits = b"0123456789ABCDEF"
        for i, byte in enumerate(self._buf):
            out[2 + 2 * i] = hexdigits[byte >> 4]
            out[3 + 2 * i] = hexdigits[byte & 15]
        out[66] = ord("'")
        del out[67:]
        return out

    def wipe(self) -> None:
        wipe(self._buf)

    @property
    def wiped(self) -> bool:
        return not any(self._buf)


def wipe(buf: bytearray) -> None:
    """Overwrite in place, without allocating a buffer of zeros as large as ``buf``."""
    if buf:
        ctypes.memset((ctypes.c_char * len(buf)).from_buffer(buf), 0, len(buf))


def normalize_passphrase(passphrase: str) -> bytes:
    """NFC, so that the same characters typed with another input method give the same key."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def passphrase_kek(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(normalize_passphrase(passphrase), salt, time_cost=params.time_cost,
                           memory_cost=params.memory_kib, parallelism=params.parallelism,
                           hash_len=KEY_LEN, type=Type.ID)


def recovery_kek(secret: bytes, salt: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_LEN, salt=salt,
                info=b"OneStop vault recovery slot v1").derive(secret)


def evidence_key(key: SecretKey) -> SecretKey:
    """The key of evidence.db, derived from the vault key (one key per file, both from one secret)."""
    return SecretKey(HKDF(algorithm=hashes.SHA256(), length=KEY_LEN, salt=None,
                          info=b"OneStop evidence database v1").derive(key.bytes()))


def wrap(kek: bytes, key: SecretKey, aad: bytes) -> tuple[bytes, bytes]:
    """Encrypt the vault key under ``kek``: returns (nonce, ciphertext with tag)."""
    nonce = os.urandom(NONCE_LEN)
    return nonce, AESGCM(kek).encrypt(nonce, key.bytes(), aad)


def unwrap(kek: bytes, nonce: bytes, wrapped: bytes, aad: bytes) -> SecretKey | None:
    """The vault key, or None when the key-encryption key or the associated data is wrong."""
    try:
        plain = AESGCM(kek).decrypt(nonce, wrapped, aad)
    except InvalidTag:
        return None
    return SecretKey(plain) if len(plain) == KEY_LEN else None


# --- the recovery key as people write it down ----------------------------------------------
# Crockford's base32 (digits and capitals without I, L, O, U, so nothing looks alike), 32 secret
# bytes plus a 2-byte checksum = 55 characters in 11 groups of 5. The checksum tells a typing
# mistake ("check the paper") from a key of another vault.

_RFC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_TO_CROCKFORD = str.maketrans(_RFC, _CROCKFORD)
# O is read as 0, I and L as 1 (Crockford), which are A and B in the RFC 4648 alphabet.
_FROM_CROCKFORD = str.maketrans(_CROCKFORD + "OIL", _RFC + "ABB")
_GROUP = 5


def _checksum(secret: bytes) -> bytes:
    return hashlib.sha256(b"OneStop recovery key" + secret).digest()[:2]


def new_recovery_secret() -> bytes:
    return os.urandom(KEY_LEN)


def format_recovery_key(secret: bytes) -> str:
    text = base64.b32encode(secret + _checksum(secret)).decode("ascii").rstrip("=").translate(_TO_CROCKFORD)
    return "-".join(text[i:i + _GROUP] for i in range(0, len(text), _GROUP))


def parse_recovery_key(text: str) -> bytes:
    """The secret from a typed recovery key; spaces, dashes, case and O/I/L confusions are forgiven."""
    cleaned = "".join(ch for ch in unicodedata.normalize("NFKC", text).upper() if ch not in " -\t\r\n")
    if len(cleaned) != 55 or any(ch not in _CROCKFORD + "OIL" for ch in cleaned):
        raise RecoveryKeyMistyped()
    raw = base64.b32decode(cleaned.translate(_FROM_CROCKFORD) + "=")
    secret, check = raw[:KEY_LEN], raw[KEY_LEN:]
    if _checksum(secret) != check:
        raise RecoveryKeyMistyped()
    return secret
