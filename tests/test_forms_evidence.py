"""Validation of the evidence list and its files, with a folder (DirectoryEvidence) or any other source."""
from __future__ import annotations

import hashlib

import pytest

from test_forms_validation import ERROR, SPEC, WARNING, FakeVault, at, check, example, minimal, only
from forms.validation import DirectoryEvidence, EvidenceSource


@pytest.mark.parametrize("name", ["self-filed", "proxy-filed"])
def test_examples_validate_cleanly_with_their_evidence(name):
    problems = check(example(name), DirectoryEvidence(SPEC / "examples" / name))
    assert problems == []


def test_correct_digests_pass_and_a_tampered_one_fails(example_dir):
    folder = example_dir("self-filed")
    doc = example("self-filed")
    for item in doc["evidence"]:
        for f in item["files"]:
            f["sha256"] = hashlib.sha256((folder / f["path"]).read_bytes()).hexdigest()
    assert check(doc, DirectoryEvidence(folder)) == []
    # the digest recorded no longer matches
    doc["evidence"][1]["files"][1]["sha256"] = "0" * 64
    problem = only(check(doc, DirectoryEvidence(folder)), "evidence.1.files.1.sha256")
    assert problem.severity is ERROR and "door.jpg" in problem.message("zh")
    # the file itself changed after it was listed
    doc = example("self-filed")
    doc["evidence"][0]["files"][0]["sha256"] = hashlib.sha256(
        (folder / "evidence/police-receipt.pdf").read_bytes()).hexdigest()
    with (folder / "evidence/police-receipt.pdf").open("ab") as f:
        f.write(b"%tampered")
    assert only(check(doc, DirectoryEvidence(folder)), "evidence.0.files.0.sha256").severity is ERROR


def test_upper_case_digest_is_normalised_and_matches():
    folder = SPEC / "examples" / "proxy-filed"
    doc = example("proxy-filed")
    digest = hashlib.sha256((folder / "evidence/help-record.pdf").read_bytes()).hexdigest()
    doc["evidence"][0]["files"][0]["sha256"] = digest.upper()
    assert check(doc, DirectoryEvidence(folder)) == []


def test_malformed_digest():
    doc = example("proxy-filed")
    doc["evidence"][0]["files"][0]["sha256"] = "abc"
    assert only(check(doc), "evidence.0.files.0.sha256").severity is ERROR


def test_missing_file(example_dir):
    folder = example_dir("self-filed")
    (folder / "evidence" / "door.jpg").unlink()
    problem = only(check(example("self-filed"), DirectoryEvidence(folder)), "evidence.1.files.1.path")
    assert problem.severity is ERROR and "door.jpg" in problem.message("en")


def test_files_are_not_looked_at_without_a_source():
    doc = example("self-filed")
    doc["evidence"][0]["files"][0]["path"] = "evidence/nowhere.pdf"
    assert check(doc) == []


@pytest.mark.parametrize("path", ["/etc/passwd", "../secret.pdf", "evidence/../../secret.pdf",
                                  "C:\\Users\\x.pdf", "\\\\server\\share\\x.pdf", "evidence\\..\\..\\x"])
def test_paths_must_stay_inside_the_folder(path, tmp_path):
    (tmp_path / "inner").mkdir()
    (tmp_path / "secret.pdf").write_bytes(b"secret")
    source = DirectoryEvidence(tmp_path / "inner")
    assert not source.exists(path) and source.sha256(path) is None
    doc = example("proxy-filed")
    doc["evidence"][0]["files"][0]["path"] = path
    assert only(check(doc, source), "evidence.0.files.0.path").severity is ERROR


def test_directory_evidence_hashes_large_files_in_blocks(tmp_path, monkeypatch):
    import forms.evidence
    monkeypatch.setattr(forms.evidence, "BLOCK_SIZE", 7)
    data = bytes(range(256)) * 41
    (tmp_path / "a.bin").write_bytes(data)
    source = DirectoryEvidence(tmp_path)
    assert isinstance(source, EvidenceSource)
    assert source.exists("a.bin") and source.exists("./a.bin") and not source.exists("b.bin")
    assert source.sha256("a.bin") == hashlib.sha256(data).hexdigest()
    assert source.sha256("b.bin") is None


def test_evidence_items_need_kind_and_title_and_usually_files():
    doc = minimal()
    doc["evidence"] = [{"title": "  "}, {"kind": "medical_record", "title": "病历"},
                       {"kind": "witness_testimony", "title": "邻居证言"}]
    problems = check(doc)
    assert only(problems, "evidence.0.kind").severity is ERROR
    assert only(problems, "evidence.0.title").severity is ERROR
    assert only(problems, "evidence.1.files").severity is WARNING
    assert at(problems, "evidence.2.files") == []
    doc["evidence"] = []
    assert only(check(doc), "evidence").severity is WARNING


def test_signature_image_is_found_like_evidence(example_dir):
    folder = example_dir("self-filed")
    doc = example("self-filed")
    doc["signature"]["image"] = "signature.png"
    assert only(check(doc, DirectoryEvidence(folder)), "signature.image").severity is ERROR
    (folder / "signature.png").write_bytes(b"\x89PNG")
    assert check(doc, DirectoryEvidence(folder)) == []


def test_any_evidence_source_will_do():
    doc = example("proxy-filed")
    doc["evidence"][0]["files"][0]["sha256"] = hashlib.sha256(b"pdf").hexdigest()
    assert check(doc, FakeVault({"evidence/help-record.pdf": b"pdf"})) == []
    assert only(check(doc, FakeVault({"evidence/help-record.pdf": b"PDF"})), "evidence.0.files.0.sha256")
    assert only(check(doc, FakeVault({})), "evidence.0.files.0.path")
