"""The `onestop` command line, run as a real process against a real vault in a private folder."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from conftest import EXAMPLES, SPEC

PASS = "correct horse battery"


def onestop(*args, home: Path, env: dict | None = None, lang: str = "en") -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("ONESTOP_")}
    environ.update({"ONESTOP_HOME": str(home), "ONESTOP_TEST_FAST_KDF": "1", "ONESTOP_LANG": lang})
    environ.update(env or {})
    environ = {k: v for k, v in environ.items() if v is not None}
    return subprocess.run([sys.executable, "-m", "desktop.cli", *args], env=environ, capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL)


def no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, result.stderr


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- validate ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["self-filed", "proxy-filed"])
def test_validate_examples_can_be_filed(name, home):
    r = onestop("validate", str(EXAMPLES / name / "application.json"), home=home)
    no_traceback(r)
    assert r.returncode == 0, r.stdout + r.stderr
    for line in r.stdout.splitlines():  # warnings only, each "field.path: message"
        path, sep, message = line.partition(": ")
        assert sep and message and " " not in path, line


def test_validate_reports_each_problem_with_its_field_and_exits_2(example_dir, home):
    folder = example_dir("self-filed")
    doc = json.loads((folder / "application.json").read_text("utf-8"))
    doc["applicant"]["id_number"] = "500152198603140121"   # wrong check character
    del doc["respondent"]["name"]
    doc["facts"] = "   "
    (folder / "application.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    r = onestop("validate", str(folder / "application.json"), home=home)
    no_traceback(r)
    assert r.returncode == 2
    fields = {line.split(": ", 1)[0] for line in r.stdout.splitlines()}
    assert {"applicant.id_number", "respondent.name", "facts"} <= fields


def test_validate_messages_follow_the_system_language(example_dir, home):
    folder = example_dir("self-filed")
    doc = json.loads((folder / "application.json").read_text("utf-8"))
    doc["applicant"]["id_number"] = "500152198603140121"
    (folder / "application.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    zh = onestop("validate", str(folder / "application.json"), home=home,
                 env={"ONESTOP_LANG": None, "LANG": "zh_CN.UTF-8", "LANGUAGE": None, "LC_ALL": None})
    en = onestop("validate", str(folder / "application.json"), home=home,
                 env={"ONESTOP_LANG": None, "LANG": "en_US.UTF-8", "LANGUAGE": None, "LC_ALL": None})
    zh_line = next(l for l in zh.stdout.splitlines() if l.startswith("applicant.id_number"))
    en_line = next(l for l in en.stdout.splitlines() if l.startswith("applicant.id_number"))
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh_line), zh_line
    assert all(ord(ch) < 0x3000 for ch in en_line), en_line


@pytest.mark.parametrize("content", [b"", b"{not json", b"\xff\xfe\x00garbage", b"[1, 2, 3]", b'"text"'])
def test_validate_refuses_unreadable_input_without_traceback(tmp_path, home, content):
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    r = onestop("validate", str(bad), home=home)
    no_traceback(r)
    assert r.returncode == 2
    assert r.stdout.strip(), "the problem must be named"


def test_validate_missing_file_exits_2(tmp_path, home):
    r = onestop("validate", str(tmp_path / "nope.json"), home=home)
    no_traceback(r)
    assert r.returncode == 2


def test_bad_arguments_exit_2(home):
    r = onestop("validate", home=home)
    assert r.returncode == 2
    no_traceback(r)


# --- vault, accounts, import, export ----------------------------------------------------------

def init_vault(home: Path) -> str:
    r = onestop("vault", "init", home=home, env={"ONESTOP_PASSPHRASE": PASS})
    no_traceback(r)
    assert r.returncode == 0, r.stderr
    return r.stdout.strip().splitlines()[-1]


def test_vault_init_prints_a_recovery_key_once(home):
    key = init_vault(home)
    assert len(key.replace("-", "")) >= 26
    again = onestop("vault", "init", home=home, env={"ONESTOP_PASSPHRASE": PASS})
    assert again.returncode != 0 and key not in again.stdout + again.stderr
    no_traceback(again)


def test_accounts_add_passwd_remove(home):
    init_vault(home)
    admin = {"ONESTOP_PASSPHRASE": PASS, "ONESTOP_ACCOUNT": "admin"}
    r = onestop("account", "add", "chenmin", "--role", "volunteer", home=home,
                env={**admin, "ONESTOP_NEW_PASSPHRASE": "volunteer pass 1"})
    assert r.returncode == 0, r.stderr
    listing = onestop("account", "list", home=home).stdout
    assert "chenmin\tvolunteer" in listing and "admin\tadmin" in listing

    volunteer = {"ONESTOP_ACCOUNT": "chenmin", "ONESTOP_PASSPHRASE": "volunteer pass 1"}
    assert onestop("drafts", home=home, env=volunteer).returncode == 0
    # a volunteer may not add accounts
    r = onestop("account", "add", "x", home=home, env={**volunteer, "ONESTOP_NEW_PASSPHRASE": "another pass"})
    assert r.returncode == 1 and r.stderr.strip()
    no_traceback(r)

    r = onestop("account", "passwd", home=home, env={**volunteer, "ONESTOP_NEW_PASSPHRASE": "volunteer pass 2"})
    assert r.returncode == 0, r.stderr
    assert onestop("drafts", home=home, env=volunteer).returncode == 1
    assert onestop("drafts", home=home, env={**volunteer, "ONESTOP_PASSPHRASE": "volunteer pass 2"}).returncode == 0

    assert onestop("account", "remove", "chenmin", home=home, env=admin).returncode == 0
    assert "chenmin" not in onestop("account", "list", home=home).stdout


def test_wrong_passphrase_is_a_clear_error(home):
    init_vault(home)
    r = onestop("drafts", home=home, env={"ONESTOP_PASSPHRASE": "wrong wrong"})
    no_traceback(r)
    assert r.returncode == 1
    assert "passphrase" in r.stderr.lower()
    zh = onestop("drafts", home=home, env={"ONESTOP_PASSPHRASE": "wrong wrong"}, lang="zh")
    assert "密码" in zh.stderr or "口令" in zh.stderr


def test_no_vault_yet(home):
    r = onestop("drafts", home=home, env={"ONESTOP_PASSPHRASE": PASS})
    no_traceback(r)
    assert r.returncode == 1 and "vault init" in r.stderr


def test_no_passphrase_without_a_terminal(home):
    init_vault(home)
    r = onestop("drafts", home=home)
    no_traceback(r)
    assert r.returncode == 2 and "ONESTOP_PASSPHRASE" in r.stderr


@pytest.mark.parametrize("name", ["self-filed", "proxy-filed"])
def test_import_list_export_round_trip(name, home, tmp_path):
    init_vault(home)
    env = {"ONESTOP_PASSPHRASE": PASS}
    source = EXAMPLES / name
    r = onestop("import", str(source / "application.json"), home=home, env=env)
    no_traceback(r)
    assert r.returncode == 0, r.stdout + r.stderr
    draft_id = r.stdout.strip()
    original = json.loads((source / "application.json").read_text("utf-8"))
    assert draft_id == original["id"]

    listing = onestop("drafts", home=home, env=env)
    assert listing.returncode == 0
    row = next(l for l in listing.stdout.splitlines() if l.startswith(draft_id))
    assert original["applicant"]["name"] in row and original["respondent"]["name"] in row

    out = tmp_path / "export"
    r = onestop("export", draft_id[:8], "-o", str(out), home=home, env=env)
    no_traceback(r)
    assert r.returncode == 0, r.stderr
    assert "not encrypted" in r.stderr
    exported = json.loads((out / "application.json").read_text("utf-8"))
    schema = json.loads((SPEC / "application.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(exported)
    assert exported["applicant"] == original["applicant"]
    assert exported["facts"] == original["facts"]
    for item_in, item_out in zip(original.get("evidence", []), exported.get("evidence", [])):
        for f_in, f_out in zip(item_in["files"], item_out["files"]):
            assert (out / f_out["path"]).read_bytes() == (source / f_in["path"]).read_bytes()
            assert f_out["sha256"] == sha(source / f_in["path"])
    again = onestop("validate", str(out / "application.json"), home=home)
    assert again.returncode == 0, again.stdout


def test_import_refuses_missing_or_altered_evidence(example_dir, home):
    init_vault(home)
    env = {"ONESTOP_PASSPHRASE": PASS}
    folder = example_dir("self-filed")
    (folder / "evidence" / "door.jpg").unlink()
    r = onestop("import", str(folder / "application.json"), home=home, env=env)
    no_traceback(r)
    assert r.returncode == 2
    assert "evidence.1.files.1.path" in r.stdout
    assert onestop("drafts", home=home, env=env).stdout.strip() == ""


def test_import_twice_is_refused_and_keeps_the_first(home):
    init_vault(home)
    env = {"ONESTOP_PASSPHRASE": PASS}
    path = EXAMPLES / "self-filed" / "application.json"
    assert onestop("import", str(path), home=home, env=env).returncode == 0
    r = onestop("import", str(path), home=home, env=env)
    no_traceback(r)
    assert r.returncode == 2
    assert len(onestop("drafts", home=home, env=env).stdout.strip().splitlines()) == 1


def test_export_refuses_a_non_empty_folder(home, tmp_path):
    init_vault(home)
    env = {"ONESTOP_PASSPHRASE": PASS}
    draft = onestop("import", str(EXAMPLES / "self-filed" / "application.json"), home=home, env=env).stdout.strip()
    out = tmp_path / "busy"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    r = onestop("export", draft, "-o", str(out), home=home, env=env)
    no_traceback(r)
    assert r.returncode == 2 and (out / "keep.txt").read_text() == "mine"


def test_help_without_command(home):
    r = onestop(home=home)
    assert r.returncode == 0 and "validate" in r.stdout


def test_signature_image_travels_through_import_and_export(example_dir, home, tmp_path):
    """A signature captured on screen is a file like the evidence: into the vault, out with the export."""
    import io as _io

    from PIL import Image
    init_vault(home)
    env = {"ONESTOP_PASSPHRASE": PASS}
    folder = example_dir("self-filed")
    png = _io.BytesIO()
    Image.new("L", (300, 100), 255).save(png, "PNG")
    (folder / "signature.png").write_bytes(png.getvalue())
    doc = json.loads((folder / "application.json").read_text("utf-8"))
    doc["signature"]["image"] = "signature.png"
    (folder / "application.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")

    draft = onestop("import", str(folder / "application.json"), home=home, env=env)
    assert draft.returncode == 0, draft.stdout + draft.stderr
    out = tmp_path / "out"
    assert onestop("export", draft.stdout.strip(), "-o", str(out), home=home, env=env).returncode == 0
    exported = json.loads((out / "application.json").read_text("utf-8"))
    assert (out / exported["signature"]["image"]).read_bytes() == png.getvalue()
    assert onestop("validate", str(out / "application.json"), home=home).returncode == 0

    (folder / "signature.png").unlink()  # a missing signature file is refused like missing evidence
    other = tmp_path / "other-home"
    init_vault(other)
    again = onestop("import", str(folder / "application.json"), home=other, env=env)
    assert again.returncode == 2 and "signature.image" in again.stdout
