"""Key derivation and wrapping, with the real Argon2id parameters where it matters."""
from __future__ import annotations

import json
import time

import pytest

from desktop import keys
from desktop.keyring import Keyring
from desktop.vault import RecoveryKeyMistyped, Vault, WrongPassphrase
from desktop.vault_db import NEW_VAULT


def test_real_argon2id_parameters_are_used_and_cost_what_we_say(tmp_path, monkeypatch):
    monkeypatch.delenv("ONESTOP_TEST_FAST_KDF", raising=False)
    assert keys.default_kdf() == keys.ARGON2ID
    assert keys.ARGON2ID.memory_kib >= 64 * 1024 and keys.ARGON2ID.time_cost >= 2

    home = tmp_path / "home"
    v, _ = Vault.init(home, "admin", "a real passphrase")
    v.lock()
    slot = json.loads((home / "keyring.json").read_text("utf-8"))["accounts"][0]
    assert slot["kdf"] == {"algorithm": "argon2id", "time_cost": keys.ARGON2ID.time_cost,
                           "memory_kib": keys.ARGON2ID.memory_kib, "parallelism": keys.ARGON2ID.parallelism,
                           "salt": slot["kdf"]["salt"]}
    started = time.perf_counter()
    with pytest.raises(WrongPassphrase):
        Vault.unlock(home, "admin", "a wrong passphrase")
    took = time.perf_counter() - started
    assert took > 0.05  # a real memory-hard derivation ran (about 0.3 s on the development VM)
    Vault.unlock(home, "admin", "a real passphrase").lock()


def test_fast_parameters_only_when_asked(monkeypatch):
    monkeypatch.setenv("ONESTOP_TEST_FAST_KDF", "1")
    assert keys.default_kdf() == keys.FAST_FOR_TESTS
    monkeypatch.setenv("ONESTOP_TEST_FAST_KDF", "yes")
    assert keys.default_kdf() == keys.ARGON2ID


def test_wrapping_binds_name_and_role():
    ring = Keyring(vault_id="v1", database=NEW_VAULT)
    key = keys.SecretKey.generate()
    slot = ring.new_account_slot("a", "volunteer", "passphrase a", key, keys.FAST_FOR_TESTS)
    assert ring.open_account_slot(slot, "passphrase a").bytes() == key.bytes()
    assert ring.open_account_slot(slot, "passphrase b") is None
    slot.role = "admin"  # a role edited in keyring.json
    assert ring.open_account_slot(slot, "passphrase a") is None
    slot.role, slot.name = "volunteer", "b"
    assert ring.open_account_slot(slot, "passphrase a") is None
    other_vault = Keyring(vault_id="v2", database=NEW_VAULT)
    slot.name = "a"
    assert other_vault.open_account_slot(slot, "passphrase a") is None


def test_passphrase_normalisation():
    composed, decomposed = "caf\u00e9 passphrase", "cafe\u0301 passphrase"
    salt = b"s" * 16
    assert keys.passphrase_kek(composed, salt, keys.FAST_FOR_TESTS) == keys.passphrase_kek(
        decomposed, salt, keys.FAST_FOR_TESTS)


def test_recovery_key_format():
    secret = keys.new_recovery_secret()
    text = keys.format_recovery_key(secret)
    assert len(text) == 65 and set(text) <= set("0123456789ABCDEFGHJKMNPQRSTVWXYZ-")
    assert keys.parse_recovery_key(text) == secret
    assert keys.parse_recovery_key(" " + text.lower().replace("-", "  ") + "\n") == secret
    confusable = text.replace("0", "O").replace("1", "I")
    assert keys.parse_recovery_key(confusable) == secret
    for bad in (text[:-6], text + "-AAAAA", "U" + text[1:]):
        with pytest.raises(RecoveryKeyMistyped):
            keys.parse_recovery_key(bad)


def test_secret_key_wipe_and_sqlcipher_form():
    key = keys.SecretKey(bytes(range(32)))
    spec = key.sqlcipher_key()
    assert bytes(spec) == b"x'" + bytes(range(32)).hex().upper().encode() + b"'"
    key.wipe()
    assert key.wiped


def test_tampered_kdf_parameters_are_refused():
    with pytest.raises(ValueError):
        keys.KdfParams(time_cost=1, memory_kib=64 * 1024 * 1024, parallelism=1).check()
