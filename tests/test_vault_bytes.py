"""What is on the disk: no applicant data and no evidence bytes in any file under ONESTOP_HOME.

The needles are long enough that random ciphertext cannot contain them by chance (a 3-byte
needle such as the bare JPEG marker FF D8 FF would turn up in a few MB of random bytes about one
run in ten); the rare character 𠮷 is searched inside the full name it is part of.
"""
from __future__ import annotations

import io
import json
import os
import random
import sqlite3

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from desktop.vault import Vault, WrongPassphrase

NAME = "王秀英"
RARE_NAME = "𠮷丽华"
ID_NUMBER = "50022319880506152X"
ADDRESS = "重庆市潼南区桂林街道某村三组12号"
PHONE = "13812345678"
TEXTS = [NAME, RARE_NAME, ID_NUMBER, ADDRESS, PHONE, "被申请人多次殴打申请人"]

JPEG_HEADER = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
PDF_HEADER = b"%PDF-1.7"


pytestmark = pytest.mark.usefixtures("fast_kdf_in_english")


def application() -> dict:
    return {
        "applicant": {"name": NAME, "id_number": ID_NUMBER, "address": ADDRESS, "phone": PHONE},
        "proxy": {"name": RARE_NAME},
        "facts": "被申请人多次殴打申请人",
        "evidence": [{"kind": "medical_record", "title": f"{NAME}的诊断书",
                      "files": [{"path": f"evidence/{NAME}-伤情.jpg"}]}],
    }


def evidence_files():
    rng = random.Random(7)
    jpeg = JPEG_HEADER + rng.randbytes(300_000) + b"\xff\xd9"
    pdf = PDF_HEADER + b"\n" + f"({NAME} {ADDRESS})".encode("utf-8") + rng.randbytes(200_000) + b"\n%%EOF\n"
    return jpeg, pdf


def needles(jpeg: bytes, pdf: bytes) -> dict[str, bytes]:
    found = {}
    for text in TEXTS:
        found[f"{text} (UTF-8)"] = text.encode("utf-8")
        found[f"{text} (UTF-16-LE)"] = text.encode("utf-16-le")
    found["JPEG header"] = JPEG_HEADER
    found["PDF header"] = PDF_HEADER
    for label, data in (("JPEG", jpeg), ("PDF", pdf)):
        for offset in (4_096, 65_536, 150_001, len(data) - 64):
            found[f"{label} bytes at {offset}"] = data[offset:offset + 32]
    return found


def scan(home) -> dict[str, list[str]]:
    hits: dict[str, list[str]] = {}
    files = [p for p in home.rglob("*") if p.is_file()]
    assert files
    jpeg, pdf = evidence_files()
    for path in files:
        data = path.read_bytes()
        for label, needle in needles(jpeg, pdf).items():
            if needle in data:
                hits.setdefault(path.name, []).append(label)
    return hits


def test_nothing_readable_on_disk_open_or_locked(tmp_path):
    home = tmp_path / "home"
    v, _ = Vault.init(home, "admin", "admin passphrase")
    for i in range(5):  # several versions, so that the WAL holds pages
        doc = application()
        doc["step"] = i
        v.save_draft("11111111-2222-3333-4444-555555555555", doc)
    jpeg, pdf = evidence_files()
    v.add_evidence("11111111-2222-3333-4444-555555555555", f"evidence/{NAME}-伤情.jpg", io.BytesIO(jpeg),
                   media_type="image/jpeg")
    v.add_evidence("11111111-2222-3333-4444-555555555555", f"evidence/{NAME}-报警回执.pdf", io.BytesIO(pdf),
                   media_type="application/pdf")
    v.save_draft("11111111-2222-3333-4444-555555555555", application())

    names = {p.name for p in home.iterdir()}
    assert {"vault.db", "vault.db-wal", "evidence.db", "keyring.json"} <= names
    assert (home / "vault.db-wal").stat().st_size > 0 and (home / "evidence.db").stat().st_size > 500_000
    assert scan(home) == {}, "plaintext found while the vault is open"
    v.lock()
    assert scan(home) == {}, "plaintext found after lock"
    control = home / "control.txt"  # the scan does find plaintext when there is some
    control.write_bytes(ADDRESS.encode("utf-16-le") + jpeg[:200])
    assert set(scan(home)["control.txt"]) == {f"{ADDRESS} (UTF-16-LE)", "JPEG header"}
    control.unlink()

    # The key file holds key slots only.
    ring = json.loads((home / "keyring.json").read_text("utf-8"))
    assert set(ring) == {"format", "version", "vault_id", "database", "accounts", "recovery"}
    assert set(ring["accounts"][0]) == {"name", "role", "kdf", "nonce", "wrapped_key", "failures", "last_failure"}


def test_the_database_does_not_open_without_the_key(tmp_path):
    home = tmp_path / "home"
    v, _ = Vault.init(home, "admin", "admin passphrase")
    v.save_draft("d", application())
    v.lock()
    for db in (str(home / "vault.db"), str(home / "evidence.db")):
        assert not open(db, "rb").read(16).startswith(b"SQLite format 3")
        plain = sqlite3.connect(db)
        with pytest.raises(sqlite3.DatabaseError, match="not a database"):
            plain.execute("SELECT count(*) FROM sqlite_master").fetchone()
        plain.close()

        for key in (None, "x'" + "00" * 32 + "'", "admin passphrase"):
            for page_size, hmac in ((4096, "HMAC_SHA256"), (65536, "HMAC_SHA256"), (4096, "HMAC_SHA512")):
                conn = sqlcipher.connect(db)
                conn.execute("PRAGMA cipher_log_level = NONE")
                if key is not None:
                    conn.execute(f'PRAGMA key = "{key}"')
                conn.execute(f"PRAGMA cipher_page_size = {page_size}")
                conn.execute(f"PRAGMA cipher_hmac_algorithm = {hmac}")
                with pytest.raises(sqlcipher.DatabaseError, match="not a database"):
                    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                conn.close()


def test_swapped_key_slots_do_not_unlock(tmp_path):
    home = tmp_path / "home"
    v, _ = Vault.init(home, "admin", "admin passphrase")
    v.add_account("vol", "volunteer", "volunteer passphrase")
    v.lock()
    path = home / "keyring.json"
    ring = json.loads(path.read_text("utf-8"))
    a, b = ring["accounts"]
    for field in ("kdf", "nonce", "wrapped_key"):
        a[field], b[field] = b[field], a[field]
    path.write_text(json.dumps(ring), "utf-8")
    # Each passphrase now meets the other account's slot: the bound name and role do not match.
    for name, pw in (("admin", "volunteer passphrase"), ("vol", "admin passphrase"),
                     ("admin", "admin passphrase"), ("vol", "volunteer passphrase")):
        with pytest.raises(WrongPassphrase):
            Vault.unlock(home, name, pw)

    # Promoting the volunteer by editing the role in the key file does not work either.
    a, b = ring["accounts"]
    for field in ("kdf", "nonce", "wrapped_key"):
        a[field], b[field] = b[field], a[field]
    b["role"] = "admin"
    for slot in ring["accounts"]:
        slot["failures"], slot["last_failure"] = 0, None
    path.write_text(json.dumps(ring), "utf-8")
    with pytest.raises(WrongPassphrase):
        Vault.unlock(home, "vol", "volunteer passphrase")
    Vault.unlock(home, "admin", "admin passphrase").lock()


def test_no_files_outside_the_data_folder(tmp_path, monkeypatch):
    """SQLite's temporary files stay in memory (temp_store=MEMORY): nothing appears in TMPDIR."""
    tmp = tmp_path / "tmpdir"
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setenv("SQLITE_TMPDIR", str(tmp))
    home = tmp_path / "home"
    v, _ = Vault.init(home, "admin", "admin passphrase")
    for i in range(50):
        v.save_draft(f"d{i}", {**application(), "i": i})
    assert len(v.list_drafts()) == 50  # a sort over all drafts
    v.add_evidence("d1", "a.jpg", io.BytesIO(evidence_files()[0]))
    v.lock()
    assert list(tmp.iterdir()) == []
    assert os.listdir(home)
