"""Fonts and page typography for the court packet (reportlab; no Qt, no database, no network).

The fonts are built from Noto Serif/Sans CJK SC by ``tools/build_fonts.py`` and shipped, gzip-compressed,
in ``resources/fonts/`` (see the README there). They are TrueType-outline fonts, so reportlab embeds them
as subsets; they cover the rare characters that occur in real names (𠮷 U+20BB7 outside the BMP, 䶮, 堃,
喆, 玥) and the middle dot of ethnic-minority names (阿依古丽·买买提).

Use::

    from forms import pdf_fonts as pf
    pf.register_fonts()                                   # once; cheap after the first call
    text = pf.ensure_drawable(name, pf.SERIF, field="applicant.name")  # or raise MissingGlyphError
    canvas.setFont(pf.SERIF, pf.TYPOGRAPHY.body_size)

``register_fonts`` also mends reportlab's ToUnicode CMap for characters outside the BMP (see
``_to_unicode_cmap``), so that text extraction (pdftotext, pypdf, pdfplumber) gives 𠮷 back.

Not done here, for the packet builder: ``rl_config.invariant = 1`` (no timestamps, fixed document id:
byte-identical output) and ``rl_config.useA85 = 0`` (no ASCII85 around compressed streams: smaller files).
"""
from __future__ import annotations

import gzip
import inspect
import io
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import reportlab
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics, ttfonts

from forms.i18n import resources_dir

# ------------------------------------------------------------------------------------------ font names

SERIF = "OneStopSerif"            # 宋体-style body text (Noto Serif CJK SC Regular)
SERIF_BOLD = "OneStopSerifBold"   # titles, 标题 (Noto Serif CJK SC Bold)
SANS = "OneStopSans"              # 黑体-style; the screen UI (Noto Sans CJK SC Regular)
MONO = "OneStopMono"              # fixed-width ASCII only: SHA-256 digests (Noto Sans Mono CJK SC, Latin part)

FONT_FILES: dict[str, str] = {
    SERIF: "OneStopSerif-Regular.ttf.gz",
    SERIF_BOLD: "OneStopSerif-Bold.ttf.gz",
    SANS: "OneStopSans-Regular.ttf.gz",
    MONO: "OneStopMono-Regular.ttf.gz",
}
# What the court packet needs; register_fonts() loads these unless told otherwise. The sans face is for the
# screen and costs ~0.4 s to load, so it is loaded only when asked for.
PDF_FONTS: tuple[str, ...] = (SERIF, SERIF_BOLD, MONO)
ALL_FONTS: tuple[str, ...] = (SERIF, SERIF_BOLD, SANS, MONO)


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def font_bytes(font_name: str) -> bytes:
    """The uncompressed TrueType font, e.g. for Qt: ``QFontDatabase.addApplicationFontFromData``."""
    try:
        filename = FONT_FILES[font_name]
    except KeyError:
        raise ValueError(f"unknown font {font_name!r}; known: {', '.join(FONT_FILES)}") from None
    path = fonts_dir() / filename
    try:
        packed = path.read_bytes()
    except FileNotFoundError:
        raise FileNotFoundError(
            f"font file {path} is missing; it is built by tools/build_fonts.py and committed") from None
    return gzip.decompress(packed)


# ----------------------------------------------------------------------------------------- typography

# Chinese type sizes (字号) in points, as used by GB/T 9704 and every word processor in China.
ZIHAO: dict[str, float] = {
    "初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18, "三号": 16, "小三": 15,
    "四号": 14, "小四": 12, "五号": 10.5, "小五": 9, "六号": 7.5,
}


@dataclass(frozen=True)
class Typography:
    """Page and type proportions after GB/T 9704-2012 (党政机关公文格式), which courts follow.

    The standard's type area (版心) is 156 mm × 225 mm on A4, placed 37 mm from the top (天头) and 28 mm
    from the binding edge (订口); the right and bottom margins follow: 210 − 28 − 156 = 26 mm and
    297 − 37 − 225 = 35 mm. Title 二号 (22 pt), body 三号 (16 pt), 22 lines of 28 characters a page:
    225 mm / 22 lines ≈ 29 pt line pitch.
    """

    page_size: tuple[float, float] = A4                 # points (595.28 × 841.89)
    margin_top: float = 37 * mm                         # 天头
    margin_bottom: float = 35 * mm
    margin_left: float = 28 * mm                        # 订口 (binding edge)
    margin_right: float = 26 * mm
    title_size: float = ZIHAO["二号"]                   # 22 pt, 标题
    subtitle_size: float = ZIHAO["三号"]                # 16 pt, e.g. section headings in bold
    body_size: float = ZIHAO["三号"]                    # 16 pt, 正文
    body_leading: float = 225 * mm / 22                 # ≈ 29 pt: 22 lines in the type area
    table_size: float = ZIHAO["四号"]                   # 14 pt, dense tables (证据清单)
    small_size: float = ZIHAO["五号"]                   # 10.5 pt, SHA-256 digests, notes
    footer_size: float = ZIHAO["五号"]                  # 10.5 pt, 第 n 页 共 N 页 and the application id
    title_font: str = SERIF_BOLD
    body_font: str = SERIF
    mono_font: str = MONO

    @property
    def frame_width(self) -> float:
        return self.page_size[0] - self.margin_left - self.margin_right      # 156 mm

    @property
    def frame_height(self) -> float:
        return self.page_size[1] - self.margin_top - self.margin_bottom      # 225 mm


TYPOGRAPHY = Typography()


# -------------------------------------------------------------------------------- ToUnicode for non-BMP

# reportlab 5.1.0, reportlab/pdfbase/ttfonts.py, makeToUnicodeCMap(fontname, subset) writes each entry of
# the ToUnicode CMap as  "<%02X> <%04X>" % (code, codepoint).  For a code point above U+FFFF that gives an
# odd number of hex digits, e.g. "<20BB7>" for 𠮷 — not UTF-16BE, which is what a ToUnicode CMap's
# destination strings are (PDF 32000-1 §9.10.3). Readers then decode it as U+20BB followed by a stray
# nibble, or drop it: pdftotext/pypdf give "₻" or garbage instead of 𠮷. The right entry is the surrogate
# pair, "<D842DFB7>". Everything else reportlab does with such characters is fine, because it works on
# code points: stringWidth, splitString (byte codes per 256-glyph subset), the subset font's own cmap and
# the glyph widths (the tests check all of it).
#
# The fix replaces that one module-level function, which TTFont.addObjects looks up at call time, with one
# that writes UTF-16BE (identical output for BMP characters) and, per the CMap spec (Adobe TN 5014), no
# more than 100 entries per bfchar block. It is applied only when the installed reportlab still has the
# defect (probed, not assumed from the version), and refuses to apply to a function whose signature has
# changed. tests/test_pdf_fonts.py pins the reportlab version this was checked against.
PATCHED_REPORTLAB_VERSION = "5.1.0"
_original_make_to_unicode_cmap = ttfonts.makeToUnicodeCMap


def _utf16be_hex(code_point: int) -> str:
    return chr(code_point).encode("utf-16-be", "surrogatepass").hex().upper()


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """A ToUnicode CMap for one ≤256-glyph subset: byte code i → the character subset[i], in UTF-16BE."""
    entries = [f"<{code:02X}> <{_utf16be_hex(cp)}>" for code, cp in enumerate(subset)]
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
    ]
    for start in range(0, len(entries), 100):
        block = entries[start:start + 100]
        lines.append(f"{len(block)} beginbfchar")
        lines.extend(block)
        lines.append("endbfchar")
    lines += [
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


_to_unicode_cmap.onestop_fix = True  # type: ignore[attr-defined]


def reportlab_has_non_bmp_defect(make_cmap=None) -> bool:
    """True when ``make_cmap`` (default: reportlab's own) mis-encodes a character outside the BMP."""
    make_cmap = make_cmap or _original_make_to_unicode_cmap
    return "<D842DFB7>" not in make_cmap("Probe", [0, 0x20BB7]).upper()


def mend_to_unicode() -> bool:
    """Install the UTF-16BE ToUnicode writer if reportlab needs it. Idempotent; True if it is installed."""
    current = ttfonts.makeToUnicodeCMap
    if getattr(current, "onestop_fix", False):
        return True
    if not reportlab_has_non_bmp_defect(current):
        return False  # a reportlab that gets it right: leave it alone
    params = list(inspect.signature(current).parameters)
    if params != ["fontname", "subset"]:
        raise RuntimeError(
            f"reportlab {reportlab.Version}: makeToUnicodeCMap{tuple(params)} is not the function "
            f"forms.pdf_fonts was written against (reportlab {PATCHED_REPORTLAB_VERSION}); "
            "review the ToUnicode fix before using this reportlab")
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    return True


# ------------------------------------------------------------------------------------------ registration

_lock = threading.Lock()
_loaded: dict[str, ttfonts.TTFont] = {}


def _load(font_name: str) -> ttfonts.TTFont:
    font = _loaded.get(font_name)
    if font is None:
        data = io.BytesIO(font_bytes(font_name))
        # reportlab keeps this name as the font's "filename"; a bare file name keeps the checkout path
        # out of everything reportlab derives from it.
        data.name = FONT_FILES[font_name].removesuffix(".gz")
        # shapable=False: the fonts carry no OpenType layout tables, and shaping (when uharfbuzz happens
        # to be installed) would map glyphs to private-use code points that extract as garbage.
        font = ttfonts.TTFont(font_name, data, shapable=False)
        _loaded[font_name] = font
    return font


def register_fonts(names: Iterable[str] = PDF_FONTS) -> tuple[str, ...]:
    """Register the fonts with reportlab (idempotent, thread-safe) and mend its ToUnicode CMaps.

    Loads each font once per process (decompressing ~0.1 s and parsing ~0.3 s a CJK face); later calls
    only re-register if something (e.g. reportlab's ``rl_config._reset``) cleared reportlab's registry.
    Registers the family, so ``<b>`` in a platypus Paragraph in ``SERIF`` picks ``SERIF_BOLD``.
    Returns the names registered.
    """
    names = tuple(names)
    unknown = [n for n in names if n not in FONT_FILES]
    if unknown:
        raise ValueError(f"unknown font(s) {unknown}; known: {', '.join(FONT_FILES)}")
    with _lock:
        mend_to_unicode()
        registered = set(pdfmetrics.getRegisteredFontNames())
        for name in names:
            font = _load(name)
            if name not in registered or pdfmetrics.getFont(name) is not font:
                pdfmetrics.registerFont(font)
        if SERIF in names and SERIF_BOLD in names:
            pdfmetrics.registerFontFamily(SERIF, normal=SERIF, bold=SERIF_BOLD,
                                          italic=SERIF, boldItalic=SERIF_BOLD)
    return names


# ------------------------------------------------------------------------------------------- coverage

class MissingGlyphError(ValueError):
    """A text holds characters the font cannot draw; drawing it would print boxes or blanks.

    ``chars`` are the distinct missing characters in order of appearance; ``field`` names where the text
    came from (a model path such as ``applicant.name``), for the message shown to the volunteer.
    """

    def __init__(self, chars: Iterable[str], field: str | None = None, font_name: str | None = None):
        self.chars = list(chars)
        self.field = field
        self.font_name = font_name
        listed = ", ".join(f"U+{ord(c):04X} {c!r}" for c in self.chars)
        where = f"{field}: " if field else ""
        font = f" in font {font_name}" if font_name else ""
        super().__init__(f"{where}cannot print {listed}{font} (no glyph; 字库缺字)")


# Line breaks and tabs are consumed by layout (a Paragraph treats them as spaces; split lines yourself
# before canvas.drawString), so missing_glyphs does not report them.
LAYOUT_CHARS = frozenset("\n\r\t")

# Unicode Default_Ignorable_Code_Point (DerivedCoreProperties.txt): invisible characters — zero-width
# space and joiners, bidi marks, variation selectors, BOM, tags. Pasted text carries them; reportlab has no
# shaping here and would draw each as the .notdef box. strip_invisible() removes them.
_DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
    (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
    (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)


def is_invisible(char: str) -> bool:
    cp = ord(char)
    return any(lo <= cp <= hi for lo, hi in _DEFAULT_IGNORABLE)


def strip_invisible(text: str) -> str:
    """``text`` without default-ignorable (invisible) code points. Does not otherwise normalise."""
    return "".join(c for c in text if not is_invisible(c))


def _ttfont(font_name: str) -> ttfonts.TTFont:
    if font_name in FONT_FILES and font_name not in pdfmetrics.getRegisteredFontNames():
        register_fonts([font_name])
    font = pdfmetrics.getFont(font_name)
    if not isinstance(font, ttfonts.TTFont):
        raise TypeError(f"{font_name!r} is not a TrueType font; coverage is known only for TrueType fonts")
    return font


def missing_glyphs(text: str, font_name: str = SERIF) -> list[str]:
    """The distinct characters of ``text`` that ``font_name`` has no glyph for, in order of appearance.

    Everything is checked — including invisible characters (strip them first with ``strip_invisible``)
    and unpaired surrogates — except line breaks and tabs (``LAYOUT_CHARS``). One of our fonts is
    registered on first use.
    """
    char_to_glyph = _ttfont(font_name).face.charToGlyph
    missing: dict[str, None] = {}
    for c in text:
        if c in LAYOUT_CHARS or c in missing:
            continue
        if char_to_glyph.get(ord(c), 0) == 0:
            missing[c] = None
    return list(missing)


def ensure_drawable(text: str, font_name: str = SERIF, field: str | None = None) -> str:
    """``text`` without invisible characters; raises MissingGlyphError if the font lacks any of the rest."""
    cleaned = strip_invisible(text)
    missing = missing_glyphs(cleaned, font_name)
    if missing:
        raise MissingGlyphError(missing, field=field, font_name=font_name)
    return cleaned


__all__ = [
    "SERIF", "SERIF_BOLD", "SANS", "MONO", "FONT_FILES", "PDF_FONTS", "ALL_FONTS",
    "ZIHAO", "Typography", "TYPOGRAPHY",
    "register_fonts", "font_bytes", "fonts_dir", "mend_to_unicode", "reportlab_has_non_bmp_defect",
    "MissingGlyphError", "missing_glyphs", "ensure_drawable", "strip_invisible", "is_invisible",
    "LAYOUT_CHARS", "PATCHED_REPORTLAB_VERSION",
]
