"""Streams for evidence: the source read ahead on a helper thread, and the reader out of the vault."""
from __future__ import annotations

import hashlib
import io
import queue
import threading
from typing import BinaryIO

from .keys import wipe
from .vault_db import Database
from .vault_errors import EvidenceNotFound, StorageError


def fill(stream: BinaryIO, buf: bytearray) -> int:
    """Read until ``buf`` is full or the stream ends (pipes and sockets return short reads)."""
    view = memoryview(buf)
    got = 0
    readinto = getattr(stream, "readinto", None)
    while got < len(buf):
        if readinto is not None:
            n = readinto(view[got:])
        else:
            data = stream.read(len(buf) - got)
            n = len(data) if data else 0
            view[got:got + n] = data or b""
        if not n:
            break
        got += n
    view.release()
    return got


class Prefetcher:
    """Reads the source and computes its SHA-256 on a helper thread, a chunk ahead.

    The writer thread spends its time in SQLCipher (encryption, with the GIL released); reading and
    hashing on another core meanwhile made imports 15-20% faster (bench_vault.py). Memory stays at
    ``depth + 1`` buffers of one chunk, overwritten when done.
    """

    def __init__(self, stream: BinaryIO, chunk_size: int, depth: int = 1):
        self.chunk_size = chunk_size
        self.digest = hashlib.sha256()
        self._buffers = [bytearray(chunk_size) for _ in range(depth + 1)]
        self._free: queue.Queue = queue.Queue()
        self._full: queue.Queue = queue.Queue()
        for buf in self._buffers:
            self._free.put(buf)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(stream,), name="evidence-read", daemon=True)
        self._thread.start()

    def _run(self, stream: BinaryIO) -> None:
        try:
            while True:
                buf = self._free.get()
                if buf is None or self._stop.is_set():
                    return
                n = fill(stream, buf)
                if n:
                    with memoryview(buf) as view:
                        self.digest.update(view[:n])
                self._full.put((buf, n, None))
                if n < len(buf):
                    return
        except BaseException as exc:  # handed to the writer, which raises it
            self._full.put((None, 0, exc))

    def next(self) -> tuple[bytearray, int]:
        """The next chunk (buffer, length); a length short of the chunk size means the end."""
        buf, n, exc = self._full.get()
        if exc is not None:
            raise exc
        return buf, n

    def give_back(self, buf: bytearray) -> None:
        self._free.put(buf)

    def close(self) -> None:
        self._stop.set()
        self._free.put(None)
        self._thread.join()
        for buf in self._buffers:
            wipe(buf)


class EvidenceReader(io.RawIOBase):
    """A read-only, seekable stream over one evidence file; one chunk in memory at a time.

    It reads through the vault: after ``Vault.lock()`` it raises ``VaultLocked``; if the file is
    removed meanwhile, ``EvidenceNotFound``. ``read(n)`` returns n bytes unless the file ends first.
    """

    def __init__(self, db: Database, evidence_id: int, size: int, chunk_size: int):
        super().__init__()
        self._db = db
        self._id = evidence_id
        self._size = size
        self._chunk_size = chunk_size
        self._pos = 0
        self._index = -1
        self._chunk = b""

    @property
    def size(self) -> int:
        return self._size

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        self._checkClosed()
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        self._checkClosed()
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._size}.get(whence)
        if base is None:
            raise ValueError("invalid whence")
        if base + offset < 0:
            raise ValueError("negative seek position")
        self._pos = base + offset
        return self._pos

    def readinto(self, b) -> int:
        """Fill ``b`` as far as the file goes, across chunks (PDF and image readers expect
        ``read(n)`` to return n bytes before the end)."""
        self._checkClosed()
        with memoryview(b) as target:
            out = target.cast("B")
            done = 0
            while done < len(out) and self._pos < self._size:
                index, offset = divmod(self._pos, self._chunk_size)
                if index != self._index:
                    self._load(index)
                with memoryview(self._chunk) as source:
                    n = min(len(out) - done, len(source) - offset, self._size - self._pos)
                    if n <= 0:  # a chunk shorter than its place says: never report a silent early end
                        raise StorageError()
                    out[done:done + n] = source[offset:offset + n]
                done += n
                self._pos += n
            out.release()
        return done

    def _load(self, index: int) -> None:
        with self._db.read() as conn:
            row = conn.execute("SELECT data FROM ev.evidence_chunk WHERE evidence_id = ? AND seq = ?",
                               (self._id, index)).fetchone()
        if row is None:
            raise EvidenceNotFound(self._id)
        self._chunk, self._index = row[0], index

    def readall(self) -> bytes:
        parts = []
        while chunk := self.read(self._chunk_size):
            parts.append(chunk)
        return b"".join(parts)

    def close(self) -> None:
        self._chunk = b""
        self._index = -1
        super().close()
