"""Two file-system helpers the vault needs: an atomic replace, and a one-process-at-a-time lock.

Written by hand because both are a few lines over the standard library (``os.replace`` + ``fsync``;
``fcntl.flock`` / ``msvcrt.locking``) and the well-known packages for them add more than they save.
"""
from __future__ import annotations

import os
from pathlib import Path

from .vault_errors import VaultInUse


def fsync_dir(folder: Path) -> None:
    """Make a rename inside ``folder`` durable (POSIX; Windows has no directory handles to sync)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves either the old or the new file, whole.

    Write a temporary file in the same folder, fsync it, ``os.replace`` it over the target, fsync
    the folder.
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    os.close(fd)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def remove_stale_temp_files(path: Path) -> None:
    """Temporary files left by an ``atomic_write`` that was killed before its rename."""
    for stale in Path(path).parent.glob(f".{Path(path).name}.*.tmp"):
        try:
            stale.unlink()
        except OSError:
            pass


class ProcessLock:
    """An exclusive, non-blocking lock on a file, held while a vault is open.

    One open ``Vault`` per data folder at a time (in any process): the vault's clean-up of half-done
    imports on open and its read-modify-write of the key file rely on it. The operating system drops
    the lock when the process dies, so a killed process never leaves the vault stuck.
    """

    def __init__(self, path: Path):
        self._path = Path(path)
        self._fd: int | None = None

    def acquire(self) -> "ProcessLock":
        fd = os.open(self._path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
        try:
            if os.name == "nt":  # pragma: no cover - exercised on the Windows kiosks
                import msvcrt
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            else:
                import fcntl
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise VaultInUse() from None
        self._fd = fd
        return self

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            if os.name == "nt":  # pragma: no cover
                import msvcrt
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        finally:
            os.close(fd)

    @property
    def held(self) -> bool:
        return self._fd is not None
