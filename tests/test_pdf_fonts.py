"""The shipped fonts and the font layer of the court packet (forms/pdf_fonts.py).

A small PDF is drawn with the fonts and read back with pypdf, pdfplumber and (where installed) poppler's
pdftotext: every rare name character must come back exactly, 𠮷 (outside the BMP) included.
"""
from __future__ import annotations

import gzip
import io
import re
import shutil
import subprocess

import pytest
import reportlab
from reportlab import rl_config
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph

from forms import pdf_fonts as pf

# What the packet must print and give back: rare name characters (𠮷 U+20BB7 is CJK Ext B, outside the
# BMP; 䶮 is Ext A), an ethnic-minority name with the middle dot U+00B7, an ordinary name, an ID number,
# a document number with its 〔〕 brackets.
SAMPLES = ["𠮷", "䶮", "堃", "喆", "玥", "阿依古丽·买买提", "王秀英", "500152198603140122", "〔2016〕15号"]
LINES = [
    "人身安全保护令申请书",
    "申请人：𠮷䶮堃喆玥",
    *SAMPLES,
    "被申请人：𠮷祥，身份证号 500152198603140122；法释〔2016〕15号",
]
RARE = "\U00020BB7\u4DAE堃喆玥·〔〕"


@pytest.fixture(scope="module")
def fonts():
    return pf.register_fonts()


def _build_pdf() -> bytes:
    """Lines drawn with the canvas (serif and bold) and a wrapped platypus Paragraph; deterministic."""
    pf.register_fonts()
    t = pf.TYPOGRAPHY
    buf = io.BytesIO()
    old = rl_config.invariant
    rl_config.invariant = 1
    try:
        # initialFontName: without it the canvas references Helvetica, a non-embedded base-14 font.
        c = canvas.Canvas(buf, pagesize=t.page_size, initialFontName=t.body_font)
        y = t.page_size[1] - t.margin_top
        c.setFont(t.title_font, t.title_size)
        c.drawCentredString(t.page_size[0] / 2, y, LINES[0])
        y -= t.body_leading * 1.5
        for line in LINES[1:]:
            c.setFont(t.body_font, t.body_size)
            c.drawString(t.margin_left, y, line)
            y -= t.body_leading
        c.setFont(t.mono_font, t.small_size)
        c.drawString(t.margin_left, y, "SHA-256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        y -= t.body_leading
        style = ParagraphStyle("body", fontName=t.body_font, fontSize=t.table_size, leading=t.table_size * 1.5)
        p = Paragraph("事实和理由：<b>𠮷䶮</b>与申请人阿依古丽·买买提系夫妻关系。" * 3, style)
        _w, h = p.wrap(t.frame_width, t.frame_height)
        p.drawOn(c, t.margin_left, y - h)
        c.showPage()
        c.save()
    finally:
        rl_config.invariant = old
    return buf.getvalue()


@pytest.fixture(scope="module")
def pdf_bytes(fonts) -> bytes:
    return _build_pdf()


@pytest.fixture(scope="module")
def pdf_path(pdf_bytes, tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "fonts.pdf"
    path.write_bytes(pdf_bytes)
    return path


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()]


# --------------------------------------------------------------------------------- the shipped fonts

@pytest.mark.parametrize("name", pf.ALL_FONTS)
def test_shipped_font_is_truetype_and_covers_rare_chars(name):
    from fontTools.ttLib import TTFont  # dev dependency, used here only

    path = pf.fonts_dir() / pf.FONT_FILES[name]
    assert path.stat().st_size < 20_000_000, "keep every shipped file under 20 MB"
    font = TTFont(io.BytesIO(gzip.decompress(path.read_bytes())))
    assert "glyf" in font and "CFF " not in font, "reportlab embeds only TrueType outlines"
    assert font["OS/2"].fsType == 0, "installable embedding"
    cmap = font.getBestCmap()
    wanted = "0123456789AZaz-" if name == pf.MONO else RARE + "0123456789AZaz人身安全保护令申请书，。：；（）"
    for char in wanted:
        gname = cmap.get(ord(char))
        assert gname, f"{name} lacks U+{ord(char):04X} {char}"
        glyph = font["glyf"][gname]
        assert glyph.numberOfContours > 0, f"{name}: empty outline for {char}"
    if name != pf.MONO:
        assert 0x20BB7 in cmap and 0x4DAE in cmap
        assert sum(0x4E00 <= u <= 0x9FFF for u in cmap) > 20000, "CJK Unified Ideographs"
        assert sum(0x3400 <= u <= 0x4DBF for u in cmap) > 6000, "CJK Ext A"
        assert not any(0xAC00 <= u <= 0xD7AF for u in cmap), "Hangul is left out on purpose"
    assert font["name"].getDebugName(13), "the OFL notice travels in the font"


def test_licence_and_provenance_are_shipped():
    ofl = (pf.fonts_dir() / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in ofl
    readme = (pf.fonts_dir() / "README.md").read_text(encoding="utf-8")
    assert "tools/build_fonts.py" in readme and "fonts-noto-cjk" in readme


# ------------------------------------------------------------------------------------------ registration

def test_register_is_idempotent_and_registers_the_family(fonts):
    assert set(pf.PDF_FONTS) <= set(pdfmetrics.getRegisteredFontNames())
    first = pdfmetrics.getFont(pf.SERIF)
    assert pf.register_fonts() == pf.PDF_FONTS
    assert pdfmetrics.getFont(pf.SERIF) is first
    from reportlab.lib.fonts import tt2ps
    assert tt2ps(pf.SERIF, 1, 0) == pf.SERIF_BOLD


def test_unknown_font_name_is_refused():
    with pytest.raises(ValueError):
        pf.register_fonts(["Nope"])


def test_typography_follows_gb_t_9704():
    t = pf.TYPOGRAPHY
    mm = 72 / 25.4
    assert t.page_size == pytest.approx((210 * mm, 297 * mm), abs=0.01)
    assert (t.margin_top / mm, t.margin_left / mm) == pytest.approx((37, 28))
    assert t.frame_width / mm == pytest.approx(156) and t.frame_height / mm == pytest.approx(225)
    assert (t.title_size, t.body_size, t.table_size, t.small_size) == (22, 16, 14, 10.5)
    assert 28 <= t.body_leading <= 30


# --------------------------------------------------------------------------------------------- coverage

def test_missing_glyphs_finds_nothing_for_real_names(fonts):
    for text in SAMPLES + LINES:
        assert pf.missing_glyphs(text, pf.SERIF) == [], text
        assert pf.missing_glyphs(text, pf.SERIF_BOLD) == [], text
    assert pf.missing_glyphs("第一行\n第二行\t完", pf.SERIF) == []


def test_missing_glyphs_finds_what_no_font_has(fonts):
    pua, unassigned, hangul = "\uE000", "\U0002FFFD", "한"
    text = f"王{pua}秀{unassigned}英{pua}{hangul}"
    assert pf.missing_glyphs(text, pf.SERIF) == [pua, unassigned, hangul]
    assert pf.missing_glyphs("SHA 0af9", pf.MONO) == []
    assert pf.missing_glyphs("王a", pf.MONO) == ["王"]


def test_missing_glyph_error_names_field_and_characters(fonts):
    with pytest.raises(pf.MissingGlyphError) as info:
        pf.ensure_drawable("王\uE000", pf.SERIF, field="applicant.name")
    err = info.value
    assert err.chars == ["\uE000"] and err.field == "applicant.name"
    assert "applicant.name" in str(err) and "U+E000" in str(err)
    assert isinstance(err, ValueError)


def test_invisible_characters_are_stripped_not_printed(fonts):
    pasted = "\ufeff阿依古丽\u200b·买买提\U00020BB7\U000E0100"
    assert pf.missing_glyphs(pasted) != []  # drawn as they are, they would print as boxes
    assert pf.ensure_drawable(pasted, field="x") == "阿依古丽·买买提\U00020BB7"


# ------------------------------------------------------------------------------------------ the ToUnicode fix

def test_reportlab_version_is_the_one_the_fix_was_checked_against():
    # On a reportlab upgrade: read makeToUnicodeCMap and TTFont.addObjects in reportlab/pdfbase/ttfonts.py
    # again, check the fix still applies (or is no longer needed), then move this pin.
    assert reportlab.Version == pf.PATCHED_REPORTLAB_VERSION


def test_to_unicode_fix_writes_utf16_surrogates(fonts):
    assert pf.reportlab_has_non_bmp_defect(pf._original_make_to_unicode_cmap)  # why the fix exists
    assert ttfonts.makeToUnicodeCMap is pf._to_unicode_cmap
    assert pf.mend_to_unicode() is True  # idempotent
    cmap = ttfonts.makeToUnicodeCMap("AAAAAA+X", [0, 32, 0x738B, 0x20BB7])
    assert "<03> <D842DFB7>" in cmap and "<02> <738B>" in cmap and "<01> <0020>" in cmap
    # 256 entries are split into blocks of at most 100 (Adobe TN 5014).
    big = ttfonts.makeToUnicodeCMap("AAAAAA+X", list(range(0x4E00, 0x4F00)))
    assert [int(n) for n in re.findall(r"(\d+) beginbfchar", big)] == [100, 100, 56]


def test_to_unicode_fix_matches_reportlab_for_the_bmp():
    subset = [0] + list(range(32, 127)) + [0x738B, 0x79C0, 0x82F1, 0xB7, 0x3014]
    ours = pf._to_unicode_cmap("AAAAAA+X", subset)
    theirs = pf._original_make_to_unicode_cmap("AAAAAA+X", subset)
    assert re.findall(r"<[0-9A-F]+> <[0-9A-F]+>", ours) == re.findall(r"<[0-9A-F]+> <[0-9A-F]+>", theirs)


def test_reportlab_handles_non_bmp_by_code_point(fonts):
    font = pdfmetrics.getFont(pf.SERIF)
    # Widths: one em each, like any ideograph; not two (surrogates) and not the .notdef width.
    assert font.stringWidth("\U00020BB7", 16) == pytest.approx(16)
    assert font.stringWidth("\U00020BB7王", 16) == pytest.approx(32)
    assert font.face.charToGlyph[0x20BB7] != 0


# ------------------------------------------------------------------------------------------ the PDF read back

def test_fonts_are_embedded_as_subsets(pdf_bytes):
    from pypdf import PdfReader

    page = PdfReader(io.BytesIO(pdf_bytes)).pages[0]
    fonts = page["/Resources"]["/Font"]
    base_names = set()
    for ref in fonts.values():  # every font of the page, so none is left unembedded
        font = ref.get_object()
        assert font["/Subtype"] == "/TrueType", font
        base = str(font["/BaseFont"])
        assert re.fullmatch(r"/[A-Z]{6}\+OneStop(Serif|Mono)-(Regular|Bold)", base), base
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{base} not embedded"
        assert "/ToUnicode" in font
        base_names.add(base.split("+")[1])
    assert base_names == {"OneStopSerif-Regular", "OneStopSerif-Bold", "OneStopMono-Regular"}


def test_pypdf_extracts_every_string(pdf_bytes):
    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(pdf_bytes)).pages[0].extract_text()
    lines = _lines(text)
    for line in LINES:
        assert line in lines, f"pypdf lost {line!r}"
    assert "\U00020BB7䶮与申请人阿依古丽·买买提" in text.replace("\n", "")


def test_pdfplumber_extracts_every_string(pdf_path):
    import pdfplumber

    with pdfplumber.open(pdf_path) as pdf:
        text = pdf.pages[0].extract_text()
    lines = _lines(text)
    for line in LINES:
        assert line in lines, f"pdfplumber lost {line!r}"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")
def test_pdftotext_extracts_every_string(pdf_path):
    out = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf_path), "-"],
                         check=True, capture_output=True).stdout.decode("utf-8")
    lines = _lines(out)
    for line in LINES:
        assert line in lines, f"pdftotext lost {line!r}"
    assert "\U00020BB7" in out


def test_pdf_is_deterministic(pdf_bytes):
    assert _build_pdf() == pdf_bytes


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf not installed")
def test_qpdf_check_passes(pdf_path):
    subprocess.run(["qpdf", "--check", str(pdf_path)], check=True, capture_output=True)
