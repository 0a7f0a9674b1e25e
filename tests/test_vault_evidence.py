"""Evidence files: streamed in and out in bounded memory, byte-identical, cancellable, collected."""
from __future__ import annotations

import hashlib
import io
import os
import tracemalloc

import pytest

from desktop.store_evidence import EvidenceStore
from desktop.vault import (DraftNotFound, EvidenceNotFound, ImportCancelled, Vault, VaultError, VaultInUse,
                           VaultLocked)

MB = 1024 * 1024


pytestmark = pytest.mark.usefixtures("fast_kdf_in_english")


@pytest.fixture
def vhome(tmp_path):
    return tmp_path / "OneStop"


@pytest.fixture
def vault(vhome):
    v, _ = Vault.init(vhome, "admin", "admin passphrase")
    v.save_draft("d1", {"evidence": []})
    yield v
    v.lock()


def counts(v):
    conn = v._db.conn
    return (conn.execute("SELECT count(*) FROM evidence").fetchone()[0],
            conn.execute("SELECT count(*) FROM ev.evidence_chunk").fetchone()[0])


def test_20mb_round_trip_in_bounded_memory(vault, tmp_path):
    source = tmp_path / "video.bin"
    with open(source, "wb") as f:
        for _ in range(20):
            f.write(os.urandom(MB))
    expected = hashlib.sha256(source.read_bytes()).hexdigest()
    seen = []

    tracemalloc.start()
    with open(source, "rb") as stream:
        info = vault.add_evidence("d1", "evidence/video.bin", stream, media_type="video/mp4", progress=seen.append)
    _, import_peak = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    digest = hashlib.sha256()
    with vault.open_evidence(info.id) as reader, open(source, "rb") as original:
        assert reader.readable() and reader.seekable()
        while block := reader.read(MB):
            assert block == original.read(len(block))
            digest.update(block)
        assert original.read() == b""
    _, read_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    assert (info.size, info.sha256, info.media_type) == (20 * MB, expected, "video/mp4")
    assert info.name == "evidence/video.bin"
    assert digest.hexdigest() == expected
    # A few chunks (1 MiB each) at most, whatever the size of the file.
    assert import_peak < 4 * MB and read_peak < 5 * MB, (import_peak, read_peak)
    assert seen == sorted(seen) and seen[-1] == 20 * MB and len(seen) == 20 * MB // EvidenceStore.chunk_size
    assert vault.list_evidence("d1") == [info] and vault.evidence_info(info.id) == info
    assert [e.action for e in vault.audit_log("d1")][-1] == "evidence_add"


def test_reader_seeks_and_reads_into(vault, monkeypatch):
    monkeypatch.setattr(EvidenceStore, "chunk_size", 1000)
    data = os.urandom(10_500)
    info = vault.add_evidence("d1", "x.bin", io.BytesIO(data))
    with vault.open_evidence(info.id) as r:
        r.seek(2_990)
        assert r.read(25) == data[2_990:3_015] and r.tell() == 3_015
        buf = bytearray(4_000)
        n = r.readinto(buf)
        assert 0 < n <= 4_000 and bytes(buf[:n]) == data[3_015:3_015 + n]
        r.seek(-100, io.SEEK_END)
        assert r.read() == data[-100:] and r.read(5) == b""
        r.seek(0)
        assert io.BufferedReader(r).read() == data


def test_short_reads_and_read_only_streams(vault):
    data = os.urandom(3 * MB + 17)

    class Trickle:  # a pipe-like source: short reads, no readinto
        def __init__(self):
            self.pos = 0

        def read(self, n):
            n = min(n, 70_000, len(data) - self.pos)
            out = data[self.pos:self.pos + n]
            self.pos += n
            return out

    info = vault.add_evidence("d1", "pipe.bin", Trickle())
    assert info.size == len(data) and info.sha256 == hashlib.sha256(data).hexdigest()
    with vault.open_evidence(info.id) as r:
        assert r.read() == data
    empty = vault.add_evidence("d1", "empty.bin", io.BytesIO(b""))
    assert empty.size == 0 and vault.open_evidence(empty.id).read() == b""


def test_cancel_removes_the_partial_file(vault):
    polls = []

    def cancelled():
        polls.append(1)
        return len(polls) > 3

    with pytest.raises(ImportCancelled) as exc:
        vault.add_evidence("d1", "big.bin", io.BytesIO(os.urandom(5 * MB)), cancelled=cancelled)
    assert isinstance(exc.value, VaultError)
    assert vault.list_evidence("d1") == [] and counts(vault) == (0, 0)
    assert "evidence_add" not in [e.action for e in vault.audit_log()]


def test_failing_source_removes_the_partial_file(vault):
    class Broken(io.RawIOBase):
        def __init__(self):
            self.calls = 0

        def readable(self):
            return True

        def readinto(self, b):
            self.calls += 1
            if self.calls > 5:
                raise OSError("USB stick pulled out")
            b[:1000] = b"x" * 1000
            return 1000

    with pytest.raises(OSError):
        vault.add_evidence("d1", "usb.bin", Broken())
    assert counts(vault) == (0, 0)


def test_incomplete_rows_are_invisible_and_collected_on_open(vault, vhome):
    conn = vault._db.conn
    conn.execute("INSERT INTO evidence (draft_id, name, chunk_size, added_at) VALUES ('d1', 'half', 4, 'now')")
    conn.execute("INSERT INTO ev.evidence_chunk VALUES (last_insert_rowid(), 0, x'00112233')")
    conn.execute("INSERT INTO ev.evidence_chunk VALUES (999, 0, x'00112233')")  # a chunk without a row
    assert vault.list_evidence("d1") == [] and counts(vault) == (1, 2)
    with pytest.raises(EvidenceNotFound):
        vault.open_evidence(1)
    vault.lock()
    v = Vault.unlock(vhome, "admin", "admin passphrase")
    assert counts(v) == (0, 0)
    v.lock()


def test_remove_and_delete_draft_take_the_bytes(vault, monkeypatch):
    monkeypatch.setattr(EvidenceStore, "delete_batch_chunks", 3)
    a = vault.add_evidence("d1", "a.bin", io.BytesIO(os.urandom(MB)))
    b = vault.add_evidence("d1", "b.bin", io.BytesIO(os.urandom(MB)))
    vault.remove_evidence(a.id)
    assert vault.list_evidence("d1") == [b] and counts(vault) == (1, MB // EvidenceStore.chunk_size)
    with pytest.raises(EvidenceNotFound):
        vault.remove_evidence(a.id)
    vault.delete_draft("d1")
    assert counts(vault) == (0, 0)
    with pytest.raises(DraftNotFound):
        vault.list_evidence("d1")
    with pytest.raises(DraftNotFound):
        vault.add_evidence("d1", "late.bin", io.BytesIO(b"x"))
    assert [e.action for e in vault.audit_log("d1")] == [
        "draft_create", "evidence_add", "evidence_add", "evidence_remove", "draft_delete"]


def test_reader_stops_when_the_vault_locks(vault):
    info = vault.add_evidence("d1", "a.bin", io.BytesIO(os.urandom(2 * MB)))
    reader = vault.open_evidence(info.id)
    reader.read(10)
    vault.lock()
    reader.seek(MB + 5)
    with pytest.raises(VaultLocked):
        reader.read(10)


def test_large_import_flushes_in_the_background(vault, monkeypatch):
    monkeypatch.setattr(EvidenceStore, "flush_after", MB)
    monkeypatch.setattr(EvidenceStore, "batch_bytes", MB)
    flushing = []
    data = os.urandom(4 * MB)
    info = vault.add_evidence("d1", "a.bin", io.BytesIO(data),
                              progress=lambda done: flushing.append(vault._db._flusher is not None))
    assert flushing[0] is False and flushing[-1] is True and vault._db._flusher is None
    with vault.open_evidence(info.id) as r:
        assert r.read() == data
    modes = [vault._db.conn.execute(f"PRAGMA {s}.journal_mode").fetchone()[0] for s in ("main", "ev")]
    assert modes == ["wal", "delete"]


def test_unknown_draft_and_second_opener(vault, vhome):
    with pytest.raises(DraftNotFound):
        vault.add_evidence("nope", "a.bin", io.BytesIO(b"abc"))
    with pytest.raises(VaultInUse):
        Vault.unlock(vhome, "admin", "admin passphrase")


def test_saves_interleave_with_a_long_import_on_another_thread(vault, monkeypatch):
    import threading
    monkeypatch.setattr(EvidenceStore, "flush_after", MB)
    monkeypatch.setattr(EvidenceStore, "batch_bytes", 2 * MB)
    data = os.urandom(24 * MB)
    done = []
    importer = threading.Thread(target=lambda: done.append(vault.add_evidence("d1", "v.bin", io.BytesIO(data))))
    importer.start()
    versions = [vault.save_draft("d1", {"i": i}) for i in range(50)]
    importer.join()
    assert versions == list(range(2, 52)) and done and done[0].size == len(data)
    with vault.open_evidence(done[0].id) as r:
        assert hashlib.sha256(r.read()).hexdigest() == done[0].sha256


def test_a_draft_deleted_during_an_import_gets_no_evidence_back(vault):
    from desktop.vault import DraftDeleted
    calls = []

    def cancelled():  # stands for the UI deleting the draft while the worker imports
        calls.append(1)
        if len(calls) == 2:
            vault.delete_draft("d1")
        return False

    with pytest.raises(DraftDeleted):
        vault.add_evidence("d1", "late.bin", io.BytesIO(os.urandom(3 * MB)), cancelled=cancelled)
    assert counts(vault) == (0, 0)
