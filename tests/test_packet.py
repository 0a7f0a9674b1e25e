"""The court packet read back as a court would: text, pages, fonts, QR code, images, structure."""
from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image
from pypdf import PdfReader

from conftest import EXAMPLES
from forms.model import Application
from forms.packet import build_packet, canonical_json, qr_text, write_packet
from forms.evidence import DirectoryEvidence
from forms.pdf_fonts import MissingGlyphError

A4 = (595.27, 841.89)


def load(folder: Path) -> Application:
    return Application.from_json_dict(json.loads((folder / "application.json").read_text("utf-8")))


@pytest.fixture(scope="module")
def self_filed_pdf() -> bytes:
    return build_packet(load(EXAMPLES / "self-filed"), DirectoryEvidence(EXAMPLES / "self-filed"))


@pytest.fixture(scope="module")
def proxy_filed_pdf() -> bytes:
    return build_packet(load(EXAMPLES / "proxy-filed"), DirectoryEvidence(EXAMPLES / "proxy-filed"))


def page_texts(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [(p.extract_text() or "") for p in doc.pages]


def flat(text: str) -> str:
    return "".join(text.split())


def test_every_page_is_a4_and_numbered_with_the_id(self_filed_pdf):
    reader = PdfReader(io.BytesIO(self_filed_pdf))
    n = len(reader.pages)
    app_id = load(EXAMPLES / "self-filed").id
    for i, (page, text) in enumerate(zip(reader.pages, page_texts(self_filed_pdf)), 1):
        assert (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)) == (595.3, 841.9)
        assert f"第{i}页共{n}页" in flat(text), (i, text[-200:])
        assert app_id in text


def test_sections_in_order_with_the_applications_content(self_filed_pdf):
    texts = page_texts(self_filed_pdf)
    whole = flat("\n".join(texts))
    order = ["人身安全保护令申请材料", "人身安全保护令申请书", "证据清单", "证据1", "证据2"]
    starts = [next(i for i, t in enumerate(texts) if flat(t).startswith(title)) for title in order]
    assert starts == sorted(starts) and starts[0] == 0
    for needle in ["王秀英", "500152198603140122", "李建国", "500152198307020118", "李小雨", "重庆市潼南区人民法院",
                   "请求事项", "事实和理由", "此致", "附：证据材料2份", "不收取诉讼费用", "法释〔2016〕15号",
                   "禁止被申请人李建国对申请人王秀英实施家庭暴力", "被申请人系申请人的丈夫",
                   "禁止被申请人李建国骚扰申请人王秀英及其女儿李小雨"]:
        assert flat(needle) in whole, needle
    # incidents in date order, before the narrative
    assert whole.index("2026年9月") < whole.index("2026年11月20日，在家中厨房") < whole.index("申请人与被申请人于2012年")


def test_urgent_cover_and_proxy_section(proxy_filed_pdf):
    texts = page_texts(proxy_filed_pdf)
    cover = flat(texts[0])
    assert "情况紧急" in cover and "二十四小时" in cover
    assert "代为申请" in cover and "潼南区双江镇妇女联合会" in cover
    whole = flat("\n".join(texts))
    for needle in ["代为申请人：潼南区双江镇妇女联合会（妇女联合会）", "经办人周丽", "023-44551234",
                   "申请人赵桂兰年老，无法自行申请", "申请人的意愿：赵桂兰本人表示希望儿子搬出去住",
                   "被申请人系申请人的儿子", "责令被申请人赵大勇迁出申请人赵桂兰的住所",
                   "禁止被申请人赵大勇在申请人赵桂兰的申请人住所周边200米内活动"]:
        assert flat(needle) in whole, needle


def test_confidential_address_only_on_the_court_only_sheet(proxy_filed_pdf):
    address = flat("重庆市潼南区梓潼街道某小区3栋2单元（女儿家）")
    pages_with_address = [i for i, t in enumerate(page_texts(proxy_filed_pdf)) if address in flat(t)]
    assert len(pages_with_address) == 1
    sheet = flat(page_texts(proxy_filed_pdf)[pages_with_address[0]])
    assert "保密信息" in sheet and "不得向被申请人披露" in sheet


def test_no_confidential_sheet_when_not_asked(self_filed_pdf):
    assert "保密信息" not in flat("\n".join(page_texts(self_filed_pdf)))


def test_contents_and_evidence_list_page_numbers_point_at_the_exhibits(self_filed_pdf):
    texts = [flat(t) for t in page_texts(self_filed_pdf)]
    start = {n: next(i for i, t in enumerate(texts, 1) if t.startswith(f"证据{n}")) for n in (1, 2)}
    assert f"证据1报警回执第{start[1]}页" in texts[0]
    assert f"证据2伤情照片第{start[2]}页" in texts[0]
    evidence_list = next(t for t in texts if t.startswith("证据清单"))
    for digest in ("police-receipt.pdf", "arm-bruise.jpg", "door.jpg"):
        assert digest in evidence_list
    import hashlib
    for name in ("police-receipt.pdf", "arm-bruise.jpg", "door.jpg"):
        assert hashlib.sha256((EXAMPLES / "self-filed" / "evidence" / name).read_bytes()).hexdigest() in evidence_list


def test_fonts_are_embedded_subsets(self_filed_pdf):
    reader = PdfReader(io.BytesIO(self_filed_pdf))
    fonts = {}
    for page, text in zip(reader.pages, page_texts(self_filed_pdf)):
        if "PDF 第" in text:  # a page of a PDF exhibit also lists the exhibit's own fonts
            continue
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            fonts[str(font["/BaseFont"])] = target.get("/FontDescriptor")
    assert fonts
    for name, descriptor in fonts.items():
        assert descriptor is not None and "/FontFile2" in descriptor.get_object(), name
        assert name[1:7].isupper() and name[7] == "+", name


def test_qr_code_carries_the_id_and_the_applications_hash(self_filed_pdf, tmp_path):
    zxingcpp = pytest.importorskip("zxingcpp")
    if not shutil.which("pdftoppm"):
        pytest.skip("poppler-utils not installed")
    (tmp_path / "p.pdf").write_bytes(self_filed_pdf)
    subprocess.run(["pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png", str(tmp_path / "p.pdf"), str(tmp_path / "c")],
                   check=True)
    image = Image.open(next(tmp_path.glob("c*.png")))
    codes = zxingcpp.read_barcodes(image)
    app = load(EXAMPLES / "self-filed")
    assert [c.text for c in codes] == [qr_text(app)]
    import hashlib
    assert hashlib.sha256(canonical_json(app)).hexdigest() in codes[0].text and app.id in codes[0].text


def test_pdf_exhibit_pages_merged_and_stamped(self_filed_pdf):
    source_pages = len(PdfReader(str(EXAMPLES / "self-filed" / "evidence" / "police-receipt.pdf")).pages)
    texts = [flat(t) for t in page_texts(self_filed_pdf)]
    stamped = [t for t in texts if t.startswith("证据1")]
    assert len(stamped) == source_pages
    source_text = flat(PdfReader(str(EXAMPLES / "self-filed" / "evidence" / "police-receipt.pdf")).pages[0].extract_text())
    if source_text:
        assert source_text[:10] in stamped[0]


def _jpeg(w: int, h: int, orientation: int = 1, gps: bool = False) -> bytes:
    img = Image.new("RGB", (w, h), "white")
    img.paste((255, 0, 0), (0, 0, w // 2, h))  # left half red as stored
    exif = Image.Exif()
    exif[0x0112] = orientation
    if gps:
        exif[0x8825] = {1: "N", 2: (29.0, 52.0, 0.0)}
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif.tobytes(), quality=90)
    return out.getvalue()


def _app_with_files(tmp_path: Path, files: dict[str, bytes], title="照片") -> Application:
    doc = json.loads((EXAMPLES / "self-filed" / "application.json").read_text("utf-8"))
    (tmp_path / "evidence").mkdir(exist_ok=True)
    for name, data in files.items():
        (tmp_path / "evidence" / name).write_bytes(data)
    doc["evidence"] = [{"kind": "audio_video", "title": title, "original": True,
                        "files": [{"path": f"evidence/{n}"} for n in files]}]
    (tmp_path / "application.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    return Application.from_json_dict(doc)


def test_photos_upright_by_exif_and_stripped_of_metadata(tmp_path):
    app = _app_with_files(tmp_path, {"rotated.jpg": _jpeg(800, 400, orientation=6, gps=True)})
    pdf = build_packet(app, DirectoryEvidence(tmp_path))
    reader = PdfReader(io.BytesIO(pdf))
    images = [img for page in reader.pages for img in page.images]
    assert len(images) == 1
    img = images[0].image.convert("RGB")
    assert img.height > img.width  # turned upright: orientation 6 = rotate 90° clockwise
    top, bottom = img.getpixel((img.width // 2, 5)), img.getpixel((img.width // 2, img.height - 5))
    assert top[1] < 100 and bottom[1] > 200  # stored left (red) half is now at the top
    assert b"GPS" not in images[0].data and b"Exif" not in images[0].data[:64]


def test_large_photo_downsampled_to_about_200_dpi(tmp_path):
    app = _app_with_files(tmp_path, {"big.jpg": _jpeg(4000, 3000)})
    pdf = build_packet(app, DirectoryEvidence(tmp_path))
    img = [i for p in PdfReader(io.BytesIO(pdf)).pages for i in p.images][0].image
    printed_width_in = (595.27 - (28 + 26) / 25.4 * 72) / 72
    assert abs(img.width / printed_width_in - 200) < 10


def test_other_files_get_a_description_page(tmp_path):
    app = _app_with_files(tmp_path, {"call.amr": b"#!AMR\n" + bytes(5000)}, title="通话录音")
    texts = [flat(t) for t in page_texts(build_packet(app, DirectoryEvidence(tmp_path)))]
    page = next(t for t in texts if t.startswith("证据1"))
    import hashlib
    assert "call.amr" in page and hashlib.sha256(b"#!AMR\n" + bytes(5000)).hexdigest() in page
    assert "原始文件随电子材料一并提交" in page and "5006字节" in page


def test_rare_characters_extract_exactly(tmp_path):
    doc = json.loads((EXAMPLES / "self-filed" / "application.json").read_text("utf-8"))
    doc["applicant"]["name"] = "𠮷䶮堃"
    doc["respondent"]["name"] = "阿依古丽·买买提"
    doc["protected_relatives"][0]["name"] = "喆玥"
    doc["evidence"] = []
    pdf = build_packet(Application.from_json_dict(doc), DirectoryEvidence(tmp_path))
    whole = flat("\n".join(page_texts(pdf)))
    for name in ("𠮷䶮堃", "阿依古丽·买买提", "喆玥"):
        assert name in whole
    if shutil.which("pdftotext"):
        (tmp_path / "r.pdf").write_bytes(pdf)
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(tmp_path / "r.pdf"), "-"], capture_output=True,
                             check=True).stdout.decode("utf-8")
        for name in ("𠮷䶮堃", "阿依古丽·买买提", "喆玥", "500152198603140122"):
            assert name in flat(out)


def test_missing_glyph_is_refused_naming_the_field(tmp_path):
    doc = json.loads((EXAMPLES / "self-filed" / "application.json").read_text("utf-8"))
    doc["respondent"]["name"] = "李\ue000"
    doc["evidence"] = []
    with pytest.raises(MissingGlyphError) as info:
        build_packet(Application.from_json_dict(doc), DirectoryEvidence(tmp_path))
    assert "respondent.name" in str(info.value)


def test_deterministic_on_any_day(self_filed_pdf, monkeypatch):
    later = time.time() + 400 * 86400
    monkeypatch.setattr(time, "time", lambda: later)
    again = build_packet(load(EXAMPLES / "self-filed"), DirectoryEvidence(EXAMPLES / "self-filed"))
    assert again == self_filed_pdf


def test_qpdf_check_passes(self_filed_pdf, proxy_filed_pdf, tmp_path):
    if not shutil.which("qpdf"):
        pytest.skip("qpdf not installed")
    for name, pdf in (("s.pdf", self_filed_pdf), ("p.pdf", proxy_filed_pdf)):
        (tmp_path / name).write_bytes(pdf)
        r = subprocess.run(["qpdf", "--check", str(tmp_path / name)], capture_output=True, text=True)
        assert r.returncode == 0, r.stdout + r.stderr


def test_failed_build_leaves_no_file(tmp_path):
    app = _app_with_files(tmp_path, {"a.jpg": _jpeg(100, 100), "b.jpg": _jpeg(100, 100)})

    class Failing(DirectoryEvidence):
        def open(self, path):
            if path.endswith("b.jpg"):
                raise OSError("disk gone")
            return super().open(path)

    out = tmp_path / "out" / "packet.pdf"
    out.parent.mkdir()
    with pytest.raises(OSError):
        write_packet(app, Failing(tmp_path), out)
    assert list(out.parent.iterdir()) == []


# --- the command line -------------------------------------------------------------------------

def run_cli(*args, env_extra=None):
    import os
    env = {**os.environ, "ONESTOP_LANG": "en", **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "desktop.cli", *args], capture_output=True, text=True, env=env,
                          timeout=300, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("name", ["self-filed", "proxy-filed"])
def test_cli_builds_both_examples(name, tmp_path, home):
    out = tmp_path / f"{name}.pdf"
    r = run_cli("packet", str(EXAMPLES / name / "application.json"), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert out.read_bytes().startswith(b"%PDF-")


def test_cli_refuses_invalid_application_and_writes_nothing(tmp_path, example_dir, home):
    folder = example_dir("self-filed")
    doc = json.loads((folder / "application.json").read_text("utf-8"))
    doc["requests"] = []
    (folder / "application.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    out = tmp_path / "packet.pdf"
    r = run_cli("packet", str(folder / "application.json"), "-o", str(out))
    assert r.returncode == 2 and "requests" in r.stdout and "Traceback" not in r.stderr
    assert not out.exists() and not list(tmp_path.glob("*.part"))


def test_cli_packet_from_a_draft_in_the_vault(tmp_path, home):
    env = {"ONESTOP_HOME": str(home), "ONESTOP_PASSPHRASE": "correct horse battery", "ONESTOP_TEST_FAST_KDF": "1"}
    assert run_cli("vault", "init", env_extra=env).returncode == 0
    draft = run_cli("import", str(EXAMPLES / "self-filed" / "application.json"), env_extra=env).stdout.strip()
    out = tmp_path / "from-vault.pdf"
    r = run_cli("packet", "--draft", draft, "-o", str(out), env_extra=env)
    assert r.returncode == 0, r.stderr
    direct = build_packet(load(EXAMPLES / "self-filed"), DirectoryEvidence(EXAMPLES / "self-filed"))
    assert len(PdfReader(str(out)).pages) == len(PdfReader(io.BytesIO(direct)).pages)
    assert "王秀英" in flat("\n".join(page_texts(out.read_bytes())))


def test_audio_page_gives_its_duration(tmp_path):
    import wave
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(bytes(2 * 8000 * 125))  # 2 min 05 s of silence
    app = _app_with_files(tmp_path, {"call.wav": buffer.getvalue()}, title="通话录音")
    page = next(t for t in map(flat, page_texts(build_packet(app, DirectoryEvidence(tmp_path)))) if t.startswith("证据1"))
    assert "时长2分05秒" in page and "call.wav" in page


def test_heic_photo_is_printed(tmp_path):
    from pillow_heif import register_heif_opener
    register_heif_opener()
    img = Image.new("RGB", (1200, 900), (200, 30, 30))
    out = io.BytesIO()
    img.save(out, "HEIF")
    app = _app_with_files(tmp_path, {"iphone.heic": out.getvalue()})
    pdf = build_packet(app, DirectoryEvidence(tmp_path))
    images = [i for p in PdfReader(io.BytesIO(pdf)).pages for i in p.images]
    assert len(images) == 1 and images[0].image.width > images[0].image.height


def test_first_pages_render_to_png(proxy_filed_pdf, tmp_path):
    """Rendered by poppler into /tmp/onestop-shots/packet-*.png for a person to look at; checked here:
    A4 portrait and ink on every page."""
    if not shutil.which("pdftoppm"):
        pytest.skip("poppler-utils not installed")
    shots = Path("/tmp/onestop-shots")
    shots.mkdir(parents=True, exist_ok=True)
    (tmp_path / "p.pdf").write_bytes(proxy_filed_pdf)
    subprocess.run(["pdftoppm", "-r", "60", "-f", "1", "-l", "4", "-png", str(tmp_path / "p.pdf"),
                    str(shots / "packet")], check=True)
    pages = sorted(shots.glob("packet-*.png"))[:4]
    assert len(pages) == 4
    for png in pages:
        img = Image.open(png).convert("L")
        assert abs(img.height / img.width - 297 / 210) < 0.01
        dark = img.histogram()[:128]
        dark = sum(dark)
        assert dark > 0.003 * img.width * img.height, png  # not a blank page
