"""``keyring.json``: the key slots, readable before unlocking (the login screen lists the accounts).

It holds no applicant data: per account its name, role, Argon2id parameters and salt, the AES-GCM
nonce and wrapped vault key, and a failure counter; one recovery slot; the vault id; and the
databases' cipher settings (SQLCipher needs them before it can read a page). Example::

    {"format": "onestop-keyring", "version": 1, "vault_id": "9f…",
     "database": {"cipher_page_size": 4096, "evidence_page_size": 65536, "hmac": "HMAC_SHA256"},
     "accounts": [{"name": "李娟", "role": "admin",
                   "kdf": {"algorithm": "argon2id", "time_cost": 2, "memory_kib": 131072, "parallelism": 2,
                           "salt": "…"}, "nonce": "…", "wrapped_key": "…", "failures": 0, "last_failure": null}],
     "recovery": {"kdf": {"algorithm": "hkdf-sha256", "salt": "…"}, "nonce": "…", "wrapped_key": "…"}}

Repeated wrong passphrases slow down and never wipe: from the third failure in a row, the next try
must wait 1, 2, 4, … seconds (at most 5 minutes) after the last failure. The counter lives here
(the database is still closed when a passphrase is wrong); anyone who can edit this file could
reset it, so it is a brake on guessing at the kiosk's login screen, not a defence against a copy of
the files -- that is Argon2id's job.
"""
from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import keys
from .keys import KdfParams, SecretKey
from .vault_db import HMAC_ALGORITHMS, CipherSettings
from .vault_errors import KeyringDamaged
from .vault_files import atomic_write, remove_stale_temp_files

FORMAT = "onestop-keyring"
VERSION = 1
ROLES = ("volunteer", "clerk", "admin")

FREE_ATTEMPTS = 3
MAX_WAIT_SECONDS = 300.0


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _aad(vault_id: str, **fields: str) -> bytes:
    return json.dumps({"vault_id": vault_id, **fields}, sort_keys=True, ensure_ascii=False).encode("utf-8")


@dataclass
class AccountSlot:
    name: str
    role: str
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped: bytes
    failures: int = 0
    last_failure: float | None = None

    def wait_seconds(self, now: float) -> float:
        """How long the next attempt must still wait (0 when it may go ahead)."""
        if self.failures < FREE_ATTEMPTS or self.last_failure is None or now < self.last_failure:
            # A clock set back (common on kiosks) must never lock an account out for good.
            return 0.0
        wait = min(2.0 ** (self.failures - FREE_ATTEMPTS), MAX_WAIT_SECONDS)
        return max(0.0, self.last_failure + wait - now)

    def to_json(self) -> dict:
        return {
            "name": self.name, "role": self.role,
            "kdf": {"algorithm": "argon2id", "time_cost": self.kdf.time_cost,
                    "memory_kib": self.kdf.memory_kib, "parallelism": self.kdf.parallelism,
                    "salt": _b64(self.salt)},
            "nonce": _b64(self.nonce), "wrapped_key": _b64(self.wrapped),
            "failures": self.failures, "last_failure": self.last_failure,
        }

    @classmethod
    def from_json(cls, d: dict) -> "AccountSlot":
        kdf = d["kdf"]
        if kdf["algorithm"] != "argon2id" or d["role"] not in ROLES or not isinstance(d["name"], str):
            raise ValueError("bad account slot")
        last = d.get("last_failure")
        return cls(name=d["name"], role=d["role"],
                   kdf=KdfParams(int(kdf["time_cost"]), int(kdf["memory_kib"]), int(kdf["parallelism"])).check(),
                   salt=_unb64(kdf["salt"]), nonce=_unb64(d["nonce"]), wrapped=_unb64(d["wrapped_key"]),
                   failures=max(0, int(d.get("failures", 0))),
                   last_failure=float(last) if last is not None else None)


@dataclass
class RecoverySlot:
    salt: bytes
    nonce: bytes
    wrapped: bytes

    def to_json(self) -> dict:
        return {"kdf": {"algorithm": "hkdf-sha256", "salt": _b64(self.salt)},
                "nonce": _b64(self.nonce), "wrapped_key": _b64(self.wrapped)}

    @classmethod
    def from_json(cls, d: dict) -> "RecoverySlot":
        if d["kdf"]["algorithm"] != "hkdf-sha256":
            raise ValueError("bad recovery slot")
        return cls(salt=_unb64(d["kdf"]["salt"]), nonce=_unb64(d["nonce"]), wrapped=_unb64(d["wrapped_key"]))


@dataclass
class Keyring:
    vault_id: str
    database: CipherSettings
    accounts: list[AccountSlot] = field(default_factory=list)
    recovery: RecoverySlot | None = None

    # --- file ------------------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path) -> "Keyring":
        try:
            d = json.loads(Path(path).read_bytes().decode("utf-8"))
            if d.get("format") != FORMAT or d.get("version") != VERSION:
                raise ValueError("not a OneStop key file of this version")
            db = d["database"]
            ring = cls(vault_id=str(d["vault_id"]),
                       database=CipherSettings(int(db["cipher_page_size"]), int(db["evidence_page_size"]),
                                               str(db["hmac"])),
                       accounts=[AccountSlot.from_json(a) for a in d["accounts"]],
                       recovery=RecoverySlot.from_json(d["recovery"]) if d.get("recovery") else None)
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise KeyringDamaged(str(path)) from exc
        settings_ok = ring.database.hmac in HMAC_ALGORITHMS and all(
            n in (1024, 2048, 4096, 8192, 16384, 32768, 65536)
            for n in (ring.database.page_size, ring.database.evidence_page_size))
        if not settings_ok or len({a.name for a in ring.accounts}) != len(ring.accounts):
            raise KeyringDamaged(str(path))
        return ring

    def save(self, path: Path) -> None:
        d = {"format": FORMAT, "version": VERSION, "vault_id": self.vault_id,
             "database": {"cipher_page_size": self.database.page_size,
                          "evidence_page_size": self.database.evidence_page_size,
                          "hmac": self.database.hmac},
             "accounts": [a.to_json() for a in self.accounts],
             "recovery": self.recovery.to_json() if self.recovery else None}
        remove_stale_temp_files(path)
        atomic_write(path, (json.dumps(d, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))

    # --- slots -----------------------------------------------------------------------------

    def find(self, name: str) -> AccountSlot | None:
        return next((a for a in self.accounts if a.name == name), None)

    def admins(self) -> list[str]:
        return [a.name for a in self.accounts if a.role == "admin"]

    def put(self, slot: AccountSlot) -> None:
        """Add the slot at the end, or replace the slot of the same name where it is."""
        for i, a in enumerate(self.accounts):
            if a.name == slot.name:
                self.accounts = self.accounts[:i] + [slot] + self.accounts[i + 1:]
                return
        self.accounts = self.accounts + [slot]

    def remove(self, name: str) -> None:
        self.accounts = [a for a in self.accounts if a.name != name]

    def new_account_slot(self, name: str, role: str, passphrase: str, key: SecretKey,
                         params: KdfParams | None = None) -> AccountSlot:
        params = params or keys.default_kdf()
        salt = os.urandom(keys.SALT_LEN)
        kek = keys.passphrase_kek(passphrase, salt, params)
        nonce, wrapped = keys.wrap(kek, key, self._account_aad(name, role))
        return AccountSlot(name=name, role=role, kdf=params, salt=salt, nonce=nonce, wrapped=wrapped)

    def open_account_slot(self, slot: AccountSlot, passphrase: str) -> SecretKey | None:
        """Run Argon2id and unwrap; None for a wrong passphrase (or a slot moved to another name/role)."""
        kek = keys.passphrase_kek(passphrase, slot.salt, slot.kdf)
        return keys.unwrap(kek, slot.nonce, slot.wrapped, self._account_aad(slot.name, slot.role))

    def set_recovery(self, secret: bytes, key: SecretKey) -> None:
        salt = os.urandom(keys.SALT_LEN)
        nonce, wrapped = keys.wrap(keys.recovery_kek(secret, salt), key, self._recovery_aad())
        self.recovery = RecoverySlot(salt=salt, nonce=nonce, wrapped=wrapped)

    def open_recovery(self, secret: bytes) -> SecretKey | None:
        if self.recovery is None:
            return None
        r = self.recovery
        return keys.unwrap(keys.recovery_kek(secret, r.salt), r.nonce, r.wrapped, self._recovery_aad())

    def _account_aad(self, name: str, role: str) -> bytes:
        return _aad(self.vault_id, slot="account", name=name, role=role)

    def _recovery_aad(self) -> bytes:
        return _aad(self.vault_id, slot="recovery")
