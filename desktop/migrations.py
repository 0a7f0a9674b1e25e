"""The vault's schemas, versioned from the first release on.

Each file has its own list: ``MIGRATIONS`` for vault.db (schema ``main``) and
``EVIDENCE_MIGRATIONS`` for evidence.db (schema ``ev``). ``PRAGMA <schema>.user_version`` is the
number of migrations applied. On every open, :func:`migrate` applies the missing ones in order, each
in its own transaction together with the new ``user_version`` (a crash leaves the file at the
previous version, never half-migrated). A file from a newer OneStop is refused rather than guessed at.

Rules for adding a migration: append a function, never edit or reorder a released one; write SQL
that works on the data as the previous version left it; keep the audit table append-only; a
migration touches only its own file (no transaction is atomic across the two).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from .vault_errors import VaultTooNew

Migration = Callable[[object], None]

_V1 = [
    # Settings of the vault itself: its id (also in keyring.json, to catch a mixed-up pair) and
    # when it was made.
    """CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    # The accounts allowed in, mirrored from the key slots: the database is the authority, so an
    # account removed here cannot come back through an old copy of keyring.json.
    """CREATE TABLE account (
        name     TEXT PRIMARY KEY,
        role     TEXT NOT NULL CHECK (role IN ('volunteer', 'clerk', 'admin')),
        added_at TEXT NOT NULL
    )""",
    # A draft application. A deleted draft keeps only this row (id and times, no content) so that a
    # late autosave cannot bring it back.
    """CREATE TABLE draft (
        id             TEXT PRIMARY KEY,
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL,
        latest_version INTEGER NOT NULL DEFAULT 0,
        latest_sha256  TEXT,
        status         TEXT NOT NULL DEFAULT 'draft'
                       CHECK (status IN ('draft', 'ready', 'printed', 'submitted')),
        deleted        INTEGER NOT NULL DEFAULT 0
    )""",
    # Every saved version of a draft: canonical JSON text. WITHOUT ROWID keeps a save to one b-tree.
    """CREATE TABLE draft_version (
        draft_id TEXT NOT NULL REFERENCES draft(id),
        version  INTEGER NOT NULL,
        saved_at TEXT NOT NULL,
        account  TEXT,
        document TEXT NOT NULL,
        PRIMARY KEY (draft_id, version)
    ) WITHOUT ROWID""",
    # An evidence file (its bytes are in evidence.db). Visible only once complete; incomplete rows
    # (an import killed or cancelled midway, or a removal in progress) are garbage, collected on
    # open. AUTOINCREMENT: an id is never reused, so chunks left in evidence.db by a crash can never
    # be mistaken for those of a later file.
    """CREATE TABLE evidence (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        draft_id   TEXT NOT NULL REFERENCES draft(id),
        name       TEXT NOT NULL,
        media_type TEXT,
        size       INTEGER NOT NULL DEFAULT 0,
        sha256     TEXT,
        chunk_size INTEGER NOT NULL,
        added_at   TEXT NOT NULL,
        account    TEXT,
        complete   INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX evidence_by_draft ON evidence(draft_id, complete)",
    # Who did what to which draft, when. Append-only: the triggers refuse UPDATE and DELETE.
    # No foreign key to draft, so deleting a draft leaves its history.
    """CREATE TABLE audit (
        id       INTEGER PRIMARY KEY AUTOINCREMENT,
        at       TEXT NOT NULL,
        account  TEXT,
        action   TEXT NOT NULL,
        draft_id TEXT,
        detail   TEXT
    )""",
    "CREATE INDEX audit_by_draft ON audit(draft_id)",
    """CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
    """CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
]


def v1_initial(conn) -> None:
    for statement in _V1:
        conn.execute(statement)


def ev1_chunks(conn) -> None:
    # The evidence bytes, in chunks of ``evidence.chunk_size`` (the last one shorter).
    conn.execute("""CREATE TABLE ev.evidence_chunk (
        evidence_id INTEGER NOT NULL,
        seq         INTEGER NOT NULL,
        data        BLOB NOT NULL,
        PRIMARY KEY (evidence_id, seq)
    )""")


MIGRATIONS: tuple[Migration, ...] = (v1_initial,)
EVIDENCE_MIGRATIONS: tuple[Migration, ...] = (ev1_chunks,)
LATEST = len(MIGRATIONS)


def schema_version(conn, schema: str = "main") -> int:
    return int(conn.execute(f"PRAGMA {schema}.user_version").fetchone()[0])


def migrate_all(conn) -> None:
    migrate(conn, MIGRATIONS, "main")
    migrate(conn, EVIDENCE_MIGRATIONS, "ev")


def migrate(conn, migrations: Sequence[Migration] = MIGRATIONS, schema: str = "main") -> int:
    """Bring ``schema`` to version ``len(migrations)``; returns the version it was at.

    ``conn`` must be in autocommit mode (``isolation_level=None``); each migration runs in its own
    ``BEGIN IMMEDIATE`` transaction with the ``user_version`` bump, so it applies wholly or not at
    all. (``executescript`` is not used: it would commit in the middle.)
    """
    found = schema_version(conn, schema)
    if found > len(migrations):
        raise VaultTooNew(found, len(migrations))
    for number in range(found + 1, len(migrations) + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            migrations[number - 1](conn)
            conn.execute(f"PRAGMA {schema}.user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return found
