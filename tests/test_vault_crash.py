"""Durability: a process killed (SIGKILL) at any instant while saving or importing loses nothing it
had committed, leaves every earlier version intact, and leaves no half-imported evidence visible.

A child process saves versions of one draft in a tight loop and imports an evidence file every few
saves; it prints a line after each call returns. The parent kills it at random moments, many times,
reopens the vault each time and checks everything against contents derived from the version number.
"""
from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from desktop.vault import Vault

ROOT = Path(__file__).resolve().parent.parent
KILLS = 30
PASSPHRASE = "admin passphrase"
DRAFT = "crash-draft"

CHILD = textwrap.dedent("""
    import io, sys
    sys.path.insert(0, sys.argv[2])
    from desktop.store_evidence import EvidenceStore
    from desktop.vault import Vault
    from test_vault_crash import document, evidence_bytes
    # Small chunks and batches: an import spans many transactions, with the background flush on.
    EvidenceStore.chunk_size = 16 * 1024
    EvidenceStore.batch_bytes = 64 * 1024
    EvidenceStore.flush_after = 32 * 1024
    vault = Vault.unlock(sys.argv[1], "admin", "%s")
    n = len(vault.draft_versions("%s")) if vault.has_draft("%s") else 0
    print("ready", flush=True)
    while True:
        n += 1
        vault.save_draft("%s", document(n))
        print("saved", n, flush=True)
        if n %% 20 == 0:
            vault.add_evidence("%s", "e%%d.bin" %% n, io.BytesIO(evidence_bytes(n)))
            print("evidence", n, flush=True)
""" % (PASSPHRASE, DRAFT, DRAFT, DRAFT, DRAFT))


def document(n: int) -> dict:
    """Version n of the draft, derivable from n alone (a few KB, like a real application)."""
    return {"version": n, "facts": hashlib.sha256(str(n).encode()).hexdigest() * (20 + n % 40),
            "applicant": {"name": f"申请人{n}"}}


def evidence_bytes(n: int) -> bytes:
    return random.Random(n).randbytes(20_000 + (n * 7919) % 200_000)


pytestmark = pytest.mark.usefixtures("fast_kdf_in_english")


def check(home: Path, acked_saves: int, acked_evidence: set[int]) -> tuple[int, int]:
    vault = Vault.unlock(home, "admin", PASSPHRASE)
    try:
        conn = vault._db.conn
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        versions = [v.version for v in vault.draft_versions(DRAFT)] if vault.has_draft(DRAFT) else []
        assert versions == list(range(1, len(versions) + 1))
        assert len(versions) >= acked_saves, "a save reported as done was lost"
        stored = conn.execute("SELECT version, document FROM draft_version WHERE draft_id = ? ORDER BY version",
                              (DRAFT,)).fetchall()
        assert [n for n, _ in stored] == versions
        for n, text in stored:
            assert json.loads(text) == document(n)
        if versions:
            assert vault.load_draft(DRAFT) == document(versions[-1])
        # No half-imported evidence: visible files are whole and match; the rest was collected on open.
        assert conn.execute("SELECT count(*) FROM evidence WHERE complete = 0").fetchone()[0] == 0
        assert conn.execute("PRAGMA ev.integrity_check").fetchall() == [("ok",)]
        assert conn.execute("SELECT count(*) FROM ev.evidence_chunk WHERE evidence_id NOT IN "
                            "(SELECT id FROM evidence)").fetchone()[0] == 0
        listed = vault.list_evidence(DRAFT) if versions else []
        seen = set()
        for info in listed:
            n = int(info.name[1:-4])
            expected = evidence_bytes(n)
            with vault.open_evidence(info.id) as reader:
                assert reader.read() == expected
            assert (info.size, info.sha256) == (len(expected), hashlib.sha256(expected).hexdigest())
            seen.add(n)
        assert acked_evidence <= seen, "an import reported as done was lost"
        return len(versions), len(listed)
    finally:
        vault.lock()


def test_killed_at_random_moments(tmp_path):
    if not hasattr(signal, "SIGKILL"):
        pytest.skip("needs SIGKILL")
    home = tmp_path / "home"
    Vault.init(home, "admin", PASSPHRASE)[0].lock()
    script = tmp_path / "child.py"
    script.write_text(CHILD, "utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(Path(__file__).parent)]),
           "ONESTOP_TEST_FAST_KDF": "1"}
    rng = random.Random(2024)
    acked_saves, acked_evidence = 0, set()
    killed_mid_import = 0
    started = time.monotonic()
    for kill in range(KILLS):
        child = subprocess.Popen([sys.executable, str(script), str(home), str(ROOT)], env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "ready", child.stderr.read()
        time.sleep(rng.uniform(0.01, 0.35))
        child.send_signal(signal.SIGKILL)
        out, err = child.communicate()
        assert child.returncode == -signal.SIGKILL, err
        lines = out.splitlines()
        for line in lines:
            word, _, number = line.partition(" ")
            if word == "saved":
                acked_saves = max(acked_saves, int(number))
            elif word == "evidence":
                acked_evidence.add(int(number))
        last = lines[-1].split() if lines else ["ready"]
        if last[0] == "saved" and int(last[1]) % 20 == 0:
            killed_mid_import += 1  # the child was importing evidence when it died
        try:
            versions, files = check(home, acked_saves, acked_evidence)
        except Exception as exc:  # say which kill, and what the child last did, with the real traceback
            raise AssertionError(f"after kill {kill + 1}: {type(exc).__name__}: {exc}; child's last lines "
                                 f"{lines[-3:]}; child's stderr {err[-2000:]!r}") from exc
    elapsed = time.monotonic() - started
    print(f"{KILLS} kills in {elapsed:.1f} s: {versions} versions, {files} evidence files, "
          f"{killed_mid_import} kills during an import")
    assert versions >= KILLS and files > 0, (versions, files)  # the loop did real work
    assert 3 <= killed_mid_import <= KILLS - 3, killed_mid_import  # both kinds of moment were hit
    assert elapsed < 60, elapsed
