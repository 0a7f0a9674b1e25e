"""Schema versioning: an empty database migrates, a failed step leaves nothing, a newer vault is refused."""
from __future__ import annotations

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from desktop import migrations, paths
from desktop.keyring import Keyring
from desktop.keys import SecretKey
from desktop.vault import Vault, VaultTooNew
from desktop.vault_db import NEW_VAULT, open_encrypted


pytestmark = pytest.mark.usefixtures("fast_kdf_in_english")


def tables(conn):
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")}


def test_version_0_migrates_to_latest(tmp_path):
    db = open_encrypted(tmp_path / "v.db", tmp_path / "e.db", SecretKey.generate(), NEW_VAULT, create=True)
    assert migrations.schema_version(db.conn) == 0
    assert migrations.schema_version(db.conn, "ev") == 0
    migrations.migrate_all(db.conn)
    assert migrations.schema_version(db.conn) == migrations.LATEST
    assert migrations.schema_version(db.conn, "ev") == len(migrations.EVIDENCE_MIGRATIONS)
    assert {"meta", "account", "draft", "draft_version", "evidence", "audit",
            "audit_no_update", "audit_no_delete"} <= tables(db.conn)
    assert "evidence_chunk" in {r[0] for r in db.conn.execute("SELECT name FROM ev.sqlite_master")}
    assert migrations.migrate(db.conn) == migrations.LATEST  # nothing left to do
    db.close()


def test_migrations_run_in_order_each_in_one_transaction(tmp_path):
    db = open_encrypted(tmp_path / "v.db", tmp_path / "e.db", SecretKey.generate(), NEW_VAULT, create=True)
    ran = []

    def m1(conn):
        ran.append(1)
        conn.execute("CREATE TABLE one (x)")

    def m2(conn):
        ran.append(2)
        conn.execute("CREATE TABLE two (x)")
        raise RuntimeError("a bug in migration 2")

    with pytest.raises(RuntimeError):
        migrations.migrate(db.conn, [m1, m2])
    assert ran == [1, 2] and migrations.schema_version(db.conn) == 1
    assert "one" in tables(db.conn) and "two" not in tables(db.conn)  # the failed step left nothing

    def m2_fixed(conn):
        ran.append(3)
        conn.execute("CREATE TABLE two (x)")

    assert migrations.migrate(db.conn, [m1, m2_fixed]) == 1
    assert ran == [1, 2, 3] and migrations.schema_version(db.conn) == 2
    db.close()


def test_a_vault_from_a_newer_version_is_refused(tmp_path):
    home = tmp_path / "home"
    v, _ = Vault.init(home, "admin", "admin passphrase")
    key = SecretKey(v._key.bytes())
    v.lock()
    ring = Keyring.load(paths.keyring_path(home))
    db = open_encrypted(paths.vault_path(home), paths.evidence_path(home), key, ring.database)
    db.conn.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    db.close()

    with pytest.raises(VaultTooNew) as exc:
        Vault.unlock(home, "admin", "admin passphrase")
    assert exc.value.found == migrations.LATEST + 1 and "newer version of OneStop" in str(exc.value)
    # the refusal leaves the vault untouched, still at the newer version:
    db = open_encrypted(paths.vault_path(home), paths.evidence_path(home), key, ring.database)
    assert migrations.schema_version(db.conn) == migrations.LATEST + 1
    db.close()


def test_plain_connection_refuses_newer_too():
    conn = sqlcipher.connect(":memory:", isolation_level=None)
    conn.execute("PRAGMA user_version = 99")
    with pytest.raises(VaultTooNew):
        migrations.migrate(conn)
