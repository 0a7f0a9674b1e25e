"""The vault: set-up, unlock and lock, accounts and permissions, backoff, drafts, audit."""
from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from desktop import keys, paths
from forms import i18n
from desktop.vault import (AccountExists, AccountRemoved, DraftDeleted, DraftNotFound, InvalidAccountName,
                           InvalidDraft, InvalidRole, LastAdmin, PermissionDenied, RecoveryKeyMistyped,
                           TooManyAttempts, UnknownAccount, Vault, VaultError, VaultExists, VaultInUse,
                           VaultLocked, VaultNotFound, WeakPassphrase, WrongPassphrase, WrongRecoveryKey)

ADMIN, ADMIN_PW = "李娟", "correct horse 1"


pytestmark = pytest.mark.usefixtures("fast_kdf_in_english")


@pytest.fixture
def vhome(tmp_path) -> Path:
    return tmp_path / "OneStop"


@pytest.fixture
def vault(vhome):
    v, _key = Vault.init(vhome, ADMIN, ADMIN_PW)
    yield v
    v.lock()


def actions(v, draft_id=None):
    return [e.action for e in v.audit_log(draft_id)]


# --- paths ---------------------------------------------------------------------------------

def test_home_follows_env_and_is_private(tmp_path, monkeypatch):
    monkeypatch.setenv("ONESTOP_HOME", str(tmp_path / "data"))
    h = paths.home()
    assert h == tmp_path / "data" and h.is_dir()
    if os.name == "posix":
        assert stat.S_IMODE(h.stat().st_mode) == 0o700
    assert paths.vault_path(h) == h / "vault.db" and paths.keyring_path(h) == h / "keyring.json"


def test_home_defaults_to_user_data_dir(monkeypatch, tmp_path):
    monkeypatch.delenv("ONESTOP_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path))
    if sys.platform.startswith("linux"):
        assert paths.home() == tmp_path / "xdg" / "OneStop"


# --- init, unlock, lock --------------------------------------------------------------------

def test_init_then_unlock(vhome):
    assert not Vault.exists(vhome) and Vault.account_list(vhome) == []
    v, recovery = Vault.init(vhome, ADMIN, ADMIN_PW)
    assert (v.account, v.role) == (ADMIN, "admin")
    assert Vault.exists(vhome) and Vault.account_list(vhome) == [(ADMIN, "admin")]
    v.save_draft("d1", {"x": 1})
    v.lock()
    v = Vault.unlock(vhome, ADMIN, ADMIN_PW)
    assert v.load_draft("d1") == {"x": 1}
    assert actions(v)[:3] == ["init", "draft_create", "lock"] and actions(v)[-1] == "unlock"
    v.lock()


def test_init_refuses_an_existing_vault(vault, vhome):
    vault.lock()
    with pytest.raises(VaultExists):
        Vault.init(vhome, "other", "another passphrase")


def test_init_moves_an_orphan_database_aside(vhome):
    vhome.mkdir()
    (vhome / "vault.db").write_bytes(b"left by an interrupted set-up")
    v, _ = Vault.init(vhome, ADMIN, ADMIN_PW)
    v.lock()
    orphans = list(vhome.glob("vault.db.orphan-*"))
    assert len(orphans) == 1 and orphans[0].read_bytes() == b"left by an interrupted set-up"


def test_unlock_without_vault(vhome):
    with pytest.raises(VaultNotFound):
        Vault.unlock(vhome, ADMIN, ADMIN_PW)


def test_wrong_passphrase_is_clear(vault, vhome):
    vault.lock()
    with pytest.raises(WrongPassphrase) as exc:
        Vault.unlock(vhome, ADMIN, "not the passphrase")
    assert isinstance(exc.value, VaultError)
    assert str(exc.value).startswith(f"Wrong passphrase for {ADMIN}.")
    i18n.set_language("zh")
    with pytest.raises(WrongPassphrase) as exc:
        Vault.unlock(vhome, ADMIN, "not the passphrase")
    assert str(exc.value).startswith(f"{ADMIN} 的密码不对。")
    i18n.set_language("en")
    with pytest.raises(UnknownAccount):
        Vault.unlock(vhome, "nobody", ADMIN_PW)


def test_lock_wipes_key_and_spends_the_object(vault):
    vault.save_draft("d1", {"a": 1})
    key_buffer = vault._key._buf
    assert any(key_buffer)
    vault.lock()
    assert len(key_buffer) == 32 and not any(key_buffer)
    for call in (lambda: vault.save_draft("d1", {"a": 2}), lambda: vault.load_draft("d1"),
                 lambda: vault.list_drafts(), lambda: vault.account, lambda: vault.audit("x"),
                 lambda: vault.add_account("v1", "volunteer", "password 2")):
        with pytest.raises(VaultLocked):
            call()
    vault.lock()  # idempotent


def test_one_open_vault_per_folder(vault, vhome):
    with pytest.raises(VaultInUse):
        Vault.unlock(vhome, ADMIN, ADMIN_PW)
    vault.lock()
    Vault.unlock(vhome, ADMIN, ADMIN_PW).lock()


def test_context_manager_locks(vhome):
    v, _ = Vault.init(vhome, ADMIN, ADMIN_PW)
    with v:
        v.save_draft("d", {})
    assert v.is_locked


def test_recovery_key_unlocks_as_admin(vhome):
    v, recovery = Vault.init(vhome, ADMIN, ADMIN_PW)
    v.save_draft("d1", {"k": "v"})
    v.lock()
    groups = recovery.split("-")
    assert len(groups) == 11 and all(len(g) == 5 for g in groups)
    v = Vault.unlock_with_recovery(vhome, recovery.lower().replace("-", " "))
    assert v.role == "admin" and v.via_recovery and v.load_draft("d1") == {"k": "v"}
    v.change_passphrase(ADMIN, "a brand new one")  # what recovery is for
    new_recovery = v.reset_recovery_key()
    assert "unlock_recovery" in actions(v)
    v.lock()
    Vault.unlock(vhome, ADMIN, "a brand new one").lock()
    with pytest.raises(WrongRecoveryKey):
        Vault.unlock_with_recovery(vhome, recovery)  # replaced
    Vault.unlock_with_recovery(vhome, new_recovery).lock()


def test_recovery_key_typo_and_foreign_key(vhome):
    v, recovery = Vault.init(vhome, ADMIN, ADMIN_PW)
    v.lock()
    typo = ("A" if recovery[0] != "A" else "B") + recovery[1:]
    with pytest.raises(RecoveryKeyMistyped):
        Vault.unlock_with_recovery(vhome, typo)
    with pytest.raises(WrongRecoveryKey):
        Vault.unlock_with_recovery(vhome, keys.format_recovery_key(keys.new_recovery_secret()))


# --- accounts ------------------------------------------------------------------------------

def test_add_remove_and_change_passphrase(vault, vhome):
    vault.add_account("王芳", "volunteer", "volunteer pw 1")
    vault.add_account("clerk1", "clerk", "clerk pw 123")
    with pytest.raises(AccountExists):
        vault.add_account("王芳", "clerk", "whatever 123")
    key_before = vault._key.bytes()
    salt_before = (vhome / "vault.db").read_bytes()[:16]
    vault.change_passphrase("王芳", "volunteer pw 2")
    vault.lock()
    assert Vault.account_list(vhome) == [(ADMIN, "admin"), ("王芳", "volunteer"), ("clerk1", "clerk")]
    with pytest.raises(WrongPassphrase):
        Vault.unlock(vhome, "王芳", "volunteer pw 1")
    v = Vault.unlock(vhome, "王芳", "volunteer pw 2")
    assert (v.account, v.role) == ("王芳", "volunteer")
    assert v._key.bytes() == key_before  # same vault key: the database was not re-encrypted
    assert (vhome / "vault.db").read_bytes()[:16] == salt_before
    v.change_passphrase("王芳", "volunteer pw 3")  # anyone may change their own
    v.lock()
    v = Vault.unlock(vhome, ADMIN, ADMIN_PW)
    v.remove_account("clerk1")
    assert [e.detail for e in v.audit_log() if e.action.startswith("account_")] == [
        "account=王芳 role=volunteer", "account=clerk1 role=clerk", "account=王芳", "account=王芳",
        "account=clerk1"]
    v.lock()
    with pytest.raises(UnknownAccount):
        Vault.unlock(vhome, "clerk1", "clerk pw 123")


def test_permissions(vault, vhome):
    vault.add_account("vol", "volunteer", "volunteer pw")
    vault.add_account("clerk", "clerk", "clerk passphrase")
    vault.lock()
    for name, pw in (("vol", "volunteer pw"), ("clerk", "clerk passphrase")):
        v = Vault.unlock(vhome, name, pw)
        with pytest.raises(PermissionDenied):
            v.add_account("x", "volunteer", "password x1")
        with pytest.raises(PermissionDenied):
            v.remove_account(ADMIN)
        with pytest.raises(PermissionDenied):
            v.change_passphrase(ADMIN, "hijacked pw")
        with pytest.raises(PermissionDenied):
            v.reset_recovery_key()
        v.save_draft(f"draft-{name}", {"by": name})  # every role works on drafts
        v.lock()
    v = Vault.unlock(vhome, ADMIN, ADMIN_PW)
    v.change_passphrase("vol", "reset by admin")  # admins may reset anyone's
    with pytest.raises(LastAdmin):
        v.remove_account(ADMIN)
    v.add_account("admin2", "admin", "second admin")
    v.remove_account(ADMIN)  # no longer the last
    v.lock()
    Vault.unlock(vhome, "vol", "reset by admin").lock()


def test_account_input_checks(vault):
    for bad in ("", " padded", "#recovery", "line\nbreak", "x" * 65):
        with pytest.raises(InvalidAccountName):
            vault.add_account(bad, "volunteer", "password ok")
    with pytest.raises(InvalidRole):
        vault.add_account("ok", "superuser", "password ok")
    with pytest.raises(WeakPassphrase):
        vault.add_account("ok", "volunteer", "short")


def test_removed_account_cannot_return_through_an_old_key_file(vault, vhome):
    vault.add_account("vol", "volunteer", "volunteer pw")
    old_ring = (vhome / "keyring.json").read_bytes()
    vault.remove_account("vol")
    vault.lock()
    (vhome / "keyring.json").write_bytes(old_ring)
    with pytest.raises(AccountRemoved):
        Vault.unlock(vhome, "vol", "volunteer pw")


# --- backoff -------------------------------------------------------------------------------

def test_repeated_failures_slow_down_and_never_wipe(vault, vhome, monkeypatch):
    vault.lock()
    now = [1_000_000.0]
    clock = lambda: now[0]  # noqa: E731
    for _ in range(3):
        with pytest.raises(WrongPassphrase):
            Vault.unlock(vhome, ADMIN, "wrong guess", clock=clock)
    waits = []
    for _ in range(12):
        with pytest.raises(TooManyAttempts) as exc:
            Vault.unlock(vhome, ADMIN, ADMIN_PW, clock=clock)  # even the right one must wait
        waits.append(exc.value.wait_seconds)
        now[0] += exc.value.wait_seconds
        with pytest.raises(WrongPassphrase):
            Vault.unlock(vhome, ADMIN, "wrong guess", clock=clock)
    assert waits == [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300]
    assert "300 seconds" in str(TooManyAttempts(ADMIN, 300))

    calls = []
    monkeypatch.setattr(keys, "passphrase_kek", lambda *a: calls.append(a))
    with pytest.raises(TooManyAttempts):
        Vault.unlock(vhome, ADMIN, ADMIN_PW, clock=clock)
    assert calls == []  # refused before the key derivation ran
    monkeypatch.undo()
    monkeypatch.setenv("ONESTOP_TEST_FAST_KDF", "1")

    now[0] += 300
    v = Vault.unlock(vhome, ADMIN, ADMIN_PW, clock=clock)  # never wiped
    assert v.audit_log()[-1].detail == "failed_attempts=15"
    v.lock()
    slot = json.loads((vhome / "keyring.json").read_text("utf-8"))["accounts"][0]
    assert slot["failures"] == 0 and slot["last_failure"] is None


def test_clock_set_back_does_not_lock_out(vault, vhome):
    vault.lock()
    for _ in range(3):
        with pytest.raises(WrongPassphrase):
            Vault.unlock(vhome, ADMIN, "wrong guess", clock=lambda: 5_000.0)
    with pytest.raises(TooManyAttempts):
        Vault.unlock(vhome, ADMIN, ADMIN_PW, clock=lambda: 5_000.5)
    Vault.unlock(vhome, ADMIN, ADMIN_PW, clock=lambda: 10.0).lock()


# --- drafts --------------------------------------------------------------------------------

def test_versions_are_kept(vault):
    assert vault.save_draft("d1", {"step": 1}) == 1
    assert vault.save_draft("d1", {"step": 2}) == 2
    assert vault.save_draft("d1", {"step": 2}) == 2  # unchanged: no new version
    assert vault.save_draft("d1", {"step": 3}, account="someone") == 3
    assert vault.load_draft("d1") == {"step": 3}
    assert vault.load_draft("d1", version=1) == {"step": 1}
    versions = vault.draft_versions("d1")
    assert [(v.version, v.account) for v in versions] == [(1, ADMIN), (2, ADMIN), (3, "someone")]
    version, saved_at, account = versions[0]
    assert saved_at.endswith("Z")
    with pytest.raises(DraftNotFound):
        vault.load_draft("d1", version=9)
    with pytest.raises(DraftNotFound):
        vault.load_draft("nope")
    assert actions(vault, "d1") == ["draft_create"]  # autosaves are not audited


def test_drafts_keep_unicode_exactly(vault):
    doc = {"applicant": {"name": "𠮷野·王秀英", "id_number": "50022319880506152X"}, "n": [1, 2.5, None, True]}
    vault.save_draft("u", doc)
    assert vault.load_draft("u") == doc


def test_list_status_and_delete(vault):
    vault.save_draft("a", {"applicant": {"name": "甲"}})
    vault.save_draft("b", {"applicant": {"name": "乙"}})
    vault.save_draft("a", {"applicant": {"name": "甲2"}})
    listed = {d.id: d for d in vault.list_drafts()}
    assert set(listed) == {"a", "b"}
    assert listed["a"].version == 2 and listed["a"].document == {"applicant": {"name": "甲2"}}
    assert listed["a"].status == "draft" and listed["a"].created_at <= listed["a"].updated_at
    assert vault.list_drafts()[0].id == "a"  # most recently changed first
    vault.set_draft_status("a", "printed")
    assert vault.draft_status("a") == "printed" and vault.list_drafts(with_documents=False)[0].document is None
    with pytest.raises(InvalidDraft):
        vault.set_draft_status("a", "lost")

    vault.delete_draft("a")
    assert [d.id for d in vault.list_drafts()] == ["b"] and not vault.has_draft("a")
    with pytest.raises(DraftDeleted):
        vault.load_draft("a")
    with pytest.raises(DraftDeleted):
        vault.save_draft("a", {"late": "autosave"})  # cannot come back
    rows = vault._db.conn.execute("SELECT count(*) FROM draft_version WHERE draft_id = 'a'").fetchone()[0]
    assert rows == 0
    assert actions(vault, "a") == ["draft_create", "draft_status", "draft_delete"]  # history stays


def test_draft_input_checks(vault):
    with pytest.raises(InvalidDraft):
        vault.save_draft("王秀英", {})  # ids are machine-made, never names
    with pytest.raises(InvalidDraft):
        vault.save_draft("ok", ["not", "an", "object"])
    with pytest.raises(InvalidDraft):
        vault.save_draft("ok", {"x": float("nan")})


# --- audit ---------------------------------------------------------------------------------

def test_audit_is_append_only(vault):
    vault.save_draft("d1", {})
    vault.audit("packet_built", draft_id="d1", detail="pages=3")
    entry = vault.audit_log("d1")[-1]
    assert (entry.account, entry.action, entry.draft_id, entry.detail) == (ADMIN, "packet_built", "d1", "pages=3")
    assert entry.at.endswith("Z")
    conn = vault._db.conn
    with pytest.raises(sqlcipher.IntegrityError, match="append-only"):
        conn.execute("UPDATE audit SET account = 'someone else'")
    with pytest.raises(sqlcipher.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM audit")
    with pytest.raises(ValueError):
        vault.audit("Not An Identifier")
    assert len(vault.audit_log()) == 3


# --- shape ---------------------------------------------------------------------------------

def test_the_vault_imports_no_qt_and_no_ui():
    import subprocess
    code = ("import sys, desktop.vault, desktop.paths; "
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'ui'))]; print(bad); sys.exit(bool(bad))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parent.parent)
    assert result.returncode == 0, result.stdout + result.stderr
