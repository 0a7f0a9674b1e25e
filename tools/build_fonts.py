"""Build the fonts OneStop ships, from Noto CJK, as TrueType-outline (glyf) fonts reportlab can embed.

Why: reportlab embeds only TrueType outlines; Noto Serif/Sans CJK (SIL OFL 1.1) ship CFF (PostScript)
outlines, which reportlab refuses ("postscript outlines are not supported"). This script takes the
Simplified-Chinese (SC) face out of Debian's Noto CJK collections, drops what the app never draws, converts
the cubic CFF outlines to quadratic TrueType outlines with fontTools' cu2qu, renames the family (a Modified
Version under the OFL; it also keeps Qt from confusing it with an installed Noto), and writes the result
gzip-compressed to ``resources/fonts/``. ``forms/pdf_fonts.py`` decompresses it in memory (and hands
the bytes to Qt for the screen font).

Getting the sources (Debian 12 "bookworm", as root)::

    apt-get update && apt-get install fonts-noto-cjk
    # -> /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc, NotoSerifCJK-Bold.ttc, NotoSansCJK-Regular.ttc
    #    and the OFL text in /usr/share/doc/fonts-noto-cjk/copyright.
    # fonts-noto-cjk-extra (same folder) only adds the other weights (Light, Medium, SemiBold, Black…),
    # which are not used today.

Rebuild (from the repository root; needs fontTools, a dev dependency)::

    .venv/bin/python tools/build_fonts.py                  # all faces, into resources/fonts/
    .venv/bin/python tools/build_fonts.py --check          # rebuild in memory, compare with what is shipped

Deterministic: the same source files and the same fontTools give the same bytes (timestamps are taken from
the source font, glyph order and tables are fixed, gzip runs with fixed settings and mtime 0; a different
zlib build could in principle compress differently — the TTF inside, whose sha256 is printed, would not
change).

Faces built (output file, source collection, face inside it):

* ``OneStopSerif-Regular.ttf.gz``  <- NotoSerifCJK-Regular.ttc, ``NotoSerifCJKsc-Regular``  (body text, 宋体-style)
* ``OneStopSerif-Bold.ttf.gz``     <- NotoSerifCJK-Bold.ttc,    ``NotoSerifCJKsc-Bold``     (titles)
* ``OneStopSans-Regular.ttf.gz``   <- NotoSansCJK-Regular.ttc,  ``NotoSansCJKsc-Regular``   (screen UI)
* ``OneStopMono-Regular.ttf.gz``   <- NotoSansCJK-Regular.ttc,  ``NotoSansMonoCJKsc-Regular``, Latin only
  (SHA-256 digests and other fixed-width ASCII in the packet)

What is kept: every character the SC face maps, except Hangul (syllables and jamo — nobody writes Korean in
a Chinese protection-order filing, and they are a quarter of the font). That includes the CJK Unified
Ideographs, Ext A, the 2 000-odd Ext B characters Noto CJK carries (among them 𠮷 U+20BB7, which the SC
face maps itself, so no merge from another region is needed), the compatibility ideographs, kana, bopomofo,
Latin, Greek, Cyrillic, CJK and general punctuation, fullwidth forms and symbols. What is dropped: Hangul,
the OpenType layout tables (GSUB/GPOS/GDEF/BASE: reportlab does no shaping with these fonts, and the
vertical and regional alternates they reach are not wanted), vertical metrics (vhea/vmtx/VORG), the
variation-sequence cmap (format 14) and the Macintosh cmap, glyph names (post format 3), and the CFF hints
(TrueType hinting is not generated; PDF viewers and printers do not need it).
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from fontTools import version as FONTTOOLS_VERSION
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTCollection, TTFont, newTable
from fontTools.ttLib.tables._n_a_m_e import NameRecord

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE_DIR = Path("/usr/share/fonts/opentype/noto")
DEFAULT_OUT_DIR = ROOT / "resources" / "fonts"
# The OFL text is taken from the Debian package's copyright file (its "License: SIL-1.1" paragraph).
DEFAULT_COPYRIGHT_FILE = Path("/usr/share/doc/fonts-noto-cjk/copyright")

# cu2qu tolerance in font units (the sources have 1000 units per em): at 16 pt one unit is 0.016 pt
# (about 0.006 mm), far below what a printer or a screen can show, while keeping the point count low.
DEFAULT_MAX_ERR = 1.0

# Compression: gzip, level 9, no file name, mtime 0 (so the bytes do not depend on the day). Measured on
# the serif face (14.2 MB as TTF): gzip 8.4 MB, decompressed in 0.1 s; xz 6.8 MB but 0.5 s to decompress,
# paid at every start of the app and every packet build, so gzip it is. The settings are part of the
# output bytes: change them and every font changes.
GZIP_LEVEL = 9

# Characters the app must be able to print, whatever else changes: the build fails if one is missing.
# Rare name characters (𠮷 is CJK Ext B, outside the BMP; 䶮 is Ext A), the ethnic-minority name dot,
# the brackets of document numbers (法释〔2016〕15号), digits, Latin, CJK and fullwidth punctuation.
REQUIRED_CJK = (
    "\U00020BB7\u4DAE堃喆玥·〔〕【】《》「」『』（）［］｛｝〈〉，。、；：？！…—‘’“”"
    "人身安全保护令申请书被申请人请求事项事实和理由此致附证据材料份签名捺印年月日第页共号"
    "阿依古丽买买提王秀英０１２３４５６７８９ＡＺａｚ￥％＃＆＊＋－／＝＠"
)
REQUIRED_LATIN = (
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
)

# Code point ranges never kept (Hangul).
HANGUL = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x3130, 0x318F),  # Hangul Compatibility Jamo
    (0xA960, 0xA97F),  # Hangul Jamo Extended-A
    (0xAC00, 0xD7AF),  # Hangul Syllables
    (0xD7B0, 0xD7FF),  # Hangul Jamo Extended-B
    (0xFFA0, 0xFFDC),  # Halfwidth Hangul
)
# Code point ranges kept for the Latin-only monospace face.
LATIN_ONLY = ((0x0020, 0x007E), (0x00A0, 0x00FF))


@dataclass(frozen=True)
class Face:
    out: str            # output file name in resources/fonts/
    source: str         # collection file name under the source directory
    ps_name: str        # PostScript name (name ID 6) of the face inside the collection
    family: str         # new family name
    style: str          # "Regular" or "Bold"
    keep: str           # "cjk" (all but Hangul) or "latin"
    purpose: str

    @property
    def new_ps_name(self) -> str:
        return f"{self.family.replace(' ', '')}-{self.style}"


FACES = (
    Face("OneStopSerif-Regular.ttf.gz", "NotoSerifCJK-Regular.ttc", "NotoSerifCJKsc-Regular",
         "OneStop Serif", "Regular", "cjk", "body text of the court packet (Song/Ming style)"),
    Face("OneStopSerif-Bold.ttf.gz", "NotoSerifCJK-Bold.ttc", "NotoSerifCJKsc-Bold",
         "OneStop Serif", "Bold", "cjk", "titles of the court packet"),
    Face("OneStopSans-Regular.ttf.gz", "NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular",
         "OneStop Sans", "Regular", "cjk", "screen UI"),
    Face("OneStopMono-Regular.ttf.gz", "NotoSansCJK-Regular.ttc", "NotoSansMonoCJKsc-Regular",
         "OneStop Mono", "Regular", "latin", "fixed-width ASCII (SHA-256 digests) in the packet"),
)


# --------------------------------------------------------------------------------------------- steps

def open_face(path: Path, ps_name: str) -> TTFont:
    """The face named ``ps_name`` from a collection (.ttc) or a single font file.

    The face is chosen by its PostScript name, not by its index, so a re-ordered collection cannot
    silently give us the Japanese or Korean forms of the ideographs.
    """
    with path.open("rb") as f:
        is_collection = f.read(4) == b"ttcf"
    if not is_collection:
        font = TTFont(path, recalcTimestamp=False)
        if font["name"].getDebugName(6) == ps_name:
            return font
        raise SystemExit(f"{path}: its PostScript name is not {ps_name!r}")
    coll = TTCollection(path, lazy=True)
    try:
        names = [f["name"].getDebugName(6) for f in coll.fonts]
    finally:
        coll.close()
    if ps_name not in names:
        raise SystemExit(f"{path}: no face with PostScript name {ps_name!r} (it has {names})")
    return TTFont(path, fontNumber=names.index(ps_name), recalcTimestamp=False)


def wanted_unicodes(font: TTFont, keep: str) -> list[int]:
    cmap = font.getBestCmap()
    if keep == "latin":
        return sorted(u for u in cmap if any(lo <= u <= hi for lo, hi in LATIN_ONLY))
    return sorted(u for u in cmap if not any(lo <= u <= hi for lo, hi in HANGUL))


def subset(font: TTFont, unicodes: list[int]) -> None:
    """Keep only ``unicodes`` (and .notdef); drop layout, vertical metrics, hints, names of glyphs."""
    # Variation sequences (format 14) and the Mac Roman/CJK tables are of no use to reportlab or Qt here;
    # removing format 14 before subsetting also drops the variant glyphs only it reaches.
    font["cmap"].tables = [t for t in font["cmap"].tables if t.format != 14 and t.platformID != 1]
    opts = Options()
    opts.layout_features = []
    opts.drop_tables = list(opts.drop_tables) + [
        "GSUB", "GPOS", "GDEF", "BASE", "JSTF", "vhea", "vmtx", "VORG", "DSIG", "meta"]
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.name_legacy = True
    opts.notdef_glyph = True
    opts.notdef_outline = True
    opts.recommended_glyphs = True
    opts.glyph_names = False
    opts.hinting = False
    opts.desubroutinize = True
    opts.prune_unicode_ranges = True
    opts.prune_codepages = True
    opts.recalc_timestamp = False
    opts.canonical_order = True
    sub = Subsetter(options=opts)
    sub.populate(unicodes=unicodes)
    sub.subset(font)


def cff_to_glyf(font: TTFont, max_err: float) -> None:
    """Replace the CFF table by glyf/loca with quadratic outlines (fontTools' otf2ttf recipe)."""
    assert font.sfntVersion == "OTTO" and "CFF " in font, "source face has no CFF outlines"
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        tt_pen = TTGlyphPen(None)
        # PostScript outlines run counter-clockwise, TrueType clockwise: reverse while converting.
        glyph_set[name].draw(Cu2QuPen(tt_pen, max_err, reverse_direction=True))
        glyphs[name] = tt_pen.glyph()
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)  # computes every glyph's bounds

    # Left side bearings are the glyphs' xMin in TrueType.
    hmtx = font["hmtx"]
    for name, g in glyphs.items():
        advance, _lsb = hmtx.metrics[name]
        hmtx.metrics[name] = (advance, getattr(g, "xMin", 0))

    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(order)
    maxp.maxZones = 1
    maxp.maxTwilightPoints = 0
    maxp.maxStorage = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStackElements = 0
    maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = 0
    maxp.maxComponentDepth = 0
    maxp.maxPoints = maxp.maxContours = maxp.maxCompositePoints = maxp.maxCompositeContours = 0
    # recalc() fills maxPoints/maxContours from glyf when the font is compiled.

    post = font["post"]
    post.formatType = 3.0  # no glyph names: ~40 000 CID names would only add weight
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = None

    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font: TTFont, face: Face, source_version: str, max_err: float) -> None:
    """New family name, keeping the copyright, trademark and licence records of the source."""
    name = font["name"]
    keep = {}
    for rec in name.names:
        if rec.platformID == 3 and rec.langID == 0x409 and rec.nameID in (0, 7, 8, 9, 11, 12, 13, 14):
            keep[rec.nameID] = rec.toUnicode()
    full = face.family if face.style == "Regular" else f"{face.family} {face.style}"
    version = source_version.split(";")[0].strip()  # "Version 2.001"
    keep.update({
        1: face.family,
        2: face.style,
        3: f"{version.removeprefix('Version ').strip()};ONESTOP;{face.new_ps_name}",
        4: full,
        5: f"{version}; OneStop TrueType build (cu2qu max_err {max_err:g})",
        6: face.new_ps_name,
        10: (f"Modified Version of {font['name'].getDebugName(4)} {version} (SIL Open Font License 1.1): "
             f"the SC face only, without Hangul, with CFF outlines converted to TrueType outlines for "
             f"OneStop ({face.purpose})."),
    })
    name.names = []
    for name_id in sorted(keep):
        rec = NameRecord()
        rec.nameID, rec.platformID, rec.platEncID, rec.langID = name_id, 3, 1, 0x409
        rec.string = keep[name_id]
        name.names.append(rec)

    os2 = font["OS/2"]
    os2.achVendID = "NONE"
    bold = face.style == "Bold"
    os2.fsSelection = (os2.fsSelection & ~0b1100001) | (0b100000 if bold else 0b1000000)
    font["head"].macStyle = 1 if bold else 0


def finish(font: TTFont) -> None:
    # Only the Windows Unicode subtables (3,1) BMP and (3,10) full repertoire. reportlab takes the last
    # platform-3 subtable it sees, which is then the format 12 one and includes the Ext B characters.
    cmap = font["cmap"]
    tables = [t for t in cmap.tables if t.platformID == 3 and t.platEncID in (1, 10)]
    if not any(t.platEncID == 10 for t in tables):
        tables = [t for t in tables if t.platEncID == 1]  # BMP-only face (mono)
    cmap.tables = sorted(tables, key=lambda t: (t.platformID, t.platEncID))
    # Timestamps: keep the source font's (head.created/modified), never "now", so builds are reproducible.
    font.recalcTimestamp = False


def build_face(face: Face, source_path: Path, max_err: float) -> tuple[bytes, dict]:
    """Build one face; returns (gzip-compressed TTF bytes, facts for the summary)."""
    font = open_face(source_path, face.ps_name)
    source_version = font["name"].getDebugName(5) or ""
    source_full_name = font["name"].getDebugName(4) or face.ps_name
    source_copyright = font["name"].getDebugName(0) or ""
    source_trademark = font["name"].getDebugName(7) or ""
    source_glyphs = font["maxp"].numGlyphs
    unicodes = wanted_unicodes(font, face.keep)
    required = REQUIRED_LATIN if face.keep == "latin" else REQUIRED_CJK + REQUIRED_LATIN
    cmap = font.getBestCmap()
    missing = sorted({c for c in required if ord(c) not in cmap})
    if missing:
        raise SystemExit(f"{face.ps_name}: required characters missing from the source: "
                         + " ".join(f"U+{ord(c):04X}" for c in missing))
    subset(font, unicodes)
    cff_to_glyf(font, max_err)
    rename(font, face, source_version, max_err)
    finish(font)
    buf = io.BytesIO()
    font.save(buf, reorderTables=True)
    ttf = buf.getvalue()
    packed = gzip.compress(ttf, compresslevel=GZIP_LEVEL, mtime=0)

    # Re-read what we wrote and check it, so a bad build never reaches resources/.
    check = TTFont(io.BytesIO(ttf))
    out_cmap = check.getBestCmap()
    lost = [c for c in required if ord(c) not in out_cmap]
    assert not lost, f"{face.out}: lost {lost}"
    assert "glyf" in check and "CFF " not in check
    facts = {
        "out": face.out, "source": source_path.name, "face": face.ps_name,
        "source_full_name": source_full_name, "source_copyright": source_copyright,
        "source_trademark": source_trademark,
        "source_version_short": source_version.split(";")[0].strip(),
        "source_version": source_version, "source_glyphs": source_glyphs,
        "glyphs": check["maxp"].numGlyphs, "chars": len(out_cmap),
        "ttf_bytes": len(ttf), "packed_bytes": len(packed),
        "sha256": hashlib.sha256(packed).hexdigest(),
        "ttf_sha256": hashlib.sha256(ttf).hexdigest(),
    }
    return packed, facts


def _build_job(args: tuple[Face, Path, float]) -> tuple[Face, bytes, dict]:
    face, path, max_err = args
    data, facts = build_face(face, path, max_err)
    return face, data, facts


def ofl_text(copyright_file: Path) -> str:
    """The SIL OFL 1.1 text from a Debian copyright file (DEP-5: indented, '.' for blank lines)."""
    lines = copyright_file.read_text(encoding="utf-8").splitlines()
    # The stand-alone licence paragraph, not the "License: SIL-1.1" line of the "Files: *" paragraph.
    starts = [i + 1 for i, line in enumerate(lines[:-1])
              if line.strip() == "License: SIL-1.1" and lines[i + 1].startswith(" ")]
    if not starts:
        raise SystemExit(f"{copyright_file}: no 'License: SIL-1.1' paragraph")
    start = starts[0]
    body = []
    for line in lines[start:]:
        if not line.startswith(" "):
            break
        body.append("" if line.strip() == "." else line[1:])
    text = "\n".join(body).strip("\n") + "\n"
    if "SIL OPEN FONT LICENSE Version 1.1" not in text:
        raise SystemExit(f"{copyright_file}: the SIL-1.1 paragraph is not the OFL 1.1")
    return text


def licence_file(facts: list[dict], copyright_file: Path) -> str:
    """OFL.txt: which fonts are Modified Versions of what, the original notices, then the licence."""
    notices = []
    for f in facts:
        line = f"- {f['out']}: Modified Version of {f['source_full_name']} ({f['source_version_short']}), " \
               f"{f['source_copyright']}"
        notices.append(line)
    trademarks = sorted({f["source_trademark"] for f in facts if f["source_trademark"]})
    return (
        "The fonts in this folder are Modified Versions, under the SIL Open Font License 1.1, of fonts from\n"
        "the Noto CJK project (https://github.com/notofonts/noto-cjk), as packaged by Debian\n"
        "(fonts-noto-cjk). They were renamed (OneStop Serif / Sans / Mono), subset and converted to\n"
        "TrueType outlines by tools/build_fonts.py; see README.md.\n\n"
        "Copyright notices of the Original Versions (from their name tables):\n\n"
        + "\n".join(notices) + "\n\n"
        + "".join(f"{t}\n" for t in trademarks) + "\n"
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.\n"
        "This license is copied below, and is also available with a FAQ at: https://openfontlicense.org\n\n"
        + ofl_text(copyright_file)
    )


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--source-dir", type=Path, default=DEFAULT_SOURCE_DIR,
                   help=f"where the Noto CJK .ttc files are (default {DEFAULT_SOURCE_DIR})")
    p.add_argument("--serif-regular", type=Path, help="NotoSerifCJK-Regular.ttc (default: in --source-dir)")
    p.add_argument("--serif-bold", type=Path, help="NotoSerifCJK-Bold.ttc (default: in --source-dir)")
    p.add_argument("--sans-regular", type=Path, help="NotoSansCJK-Regular.ttc (default: in --source-dir)")
    p.add_argument("--copyright-file", type=Path, default=DEFAULT_COPYRIGHT_FILE,
                   help=f"Debian copyright file with the OFL text (default {DEFAULT_COPYRIGHT_FILE})")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT_DIR, help="output folder (default resources/fonts)")
    p.add_argument("--max-err", type=float, default=DEFAULT_MAX_ERR,
                   help=f"cu2qu tolerance in font units (default {DEFAULT_MAX_ERR})")
    p.add_argument("--only", action="append", default=[], metavar="FILE",
                   help="build only this output (e.g. OneStopSerif-Regular.ttf.gz); repeatable")
    p.add_argument("--jobs", type=int, default=2, help="faces built in parallel (default 2)")
    p.add_argument("--check", action="store_true",
                   help="build in memory and compare with the files in --out; exit 1 on a difference")
    args = p.parse_args(argv)

    overrides = {"NotoSerifCJK-Regular.ttc": args.serif_regular, "NotoSerifCJK-Bold.ttc": args.serif_bold,
                 "NotoSansCJK-Regular.ttc": args.sans_regular}
    faces = [f for f in FACES if not args.only or f.out in args.only]
    if not faces:
        p.error(f"--only matches nothing; outputs are {[f.out for f in FACES]}")
    jobs = []
    for face in faces:
        path = overrides.get(face.source) or args.source_dir / face.source
        if not path.is_file():
            p.error(f"{path} not found: apt-get install fonts-noto-cjk fonts-noto-cjk-extra, "
                    "or give its path")
        jobs.append((face, path, args.max_err))

    print(f"fontTools {FONTTOOLS_VERSION}, cu2qu max_err {args.max_err:g}", file=sys.stderr)
    for path in sorted({j[1] for j in jobs}):
        print(f"source {path}  sha256 {sha256_file(path)}", file=sys.stderr)

    if args.jobs > 1 and len(jobs) > 1:
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            results = list(pool.map(_build_job, jobs))
    else:
        results = [_build_job(j) for j in jobs]

    status = 0
    args.out.mkdir(parents=True, exist_ok=True)
    for face, data, facts in results:
        target = args.out / face.out
        line = (f"{face.out}: {facts['face']} ({facts['source_version']}) -> {facts['chars']} characters, "
                f"{facts['glyphs']} glyphs (of {facts['source_glyphs']}), TTF {facts['ttf_bytes']:,} B, "
                f"gz {facts['packed_bytes']:,} B, sha256 {facts['sha256']} (TTF sha256 {facts['ttf_sha256']})")
        if args.check:
            # Compare the TTF inside, not the gzip bytes: another zlib build may pack the same font differently.
            same = (target.is_file()
                    and hashlib.sha256(gzip.decompress(target.read_bytes())).hexdigest() == facts["ttf_sha256"])
            status |= 0 if same else 1
            print(("same     " if same else "DIFFERS  ") + line)
        else:
            tmp = target.with_name(target.name + ".tmp")
            tmp.write_bytes(data)
            tmp.replace(target)
            print("wrote    " + line)

    # OFL.txt names every shipped face, so it is written only when all of them were built.
    if not args.only:
        licence = licence_file([facts for _face, _data, facts in results], args.copyright_file)
        target = args.out / "OFL.txt"
        if args.check:
            same = target.is_file() and target.read_text(encoding="utf-8") == licence
            status |= 0 if same else 1
            print(("same     " if same else "DIFFERS  ") + "OFL.txt")
        else:
            target.write_text(licence, encoding="utf-8")
            print("wrote    OFL.txt")
    return status


if __name__ == "__main__":
    sys.exit(main())
