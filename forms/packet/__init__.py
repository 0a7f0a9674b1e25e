"""The court packet: the printed PDF a basic-level court can accept as it is.

``build_packet(app, files)`` returns the PDF bytes; ``write_packet(..., path)`` writes them so that
no partial file is ever left behind. The same application and evidence give the same bytes on any
day (reportlab's invariant mode, deterministic image encoding, a fixed document id).

Sections: cover (封面) · application (申请书) · confidential sheet (保密信息, only when the
applicant's address is confidential) · evidence list (证据清单) · exhibits. Every page is A4 and
carries 第 n 页 共 N 页 and the application id.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from reportlab import rl_config
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from ..pdf_fonts import MissingGlyphError, missing_glyphs
from . import sections
from .exhibits import EvidenceFiles, prepare_all
from .styles import (FRAME_H, FRAME_W, MARGIN_BOTTOM, MARGIN_LEFT, PAGE_H, PAGE_W, SERIF, Styles)

rl_config.useA85 = 0  # raw binary streams: smaller and much faster than ASCII85

Progress = Callable[[int, int, str], None]  # (done, total, what)


def canonical_json(app) -> bytes:
    """The application as canonical JSON (sorted keys, no spaces, UTF-8): what the QR code's hash covers."""
    return json.dumps(app.to_json_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def qr_text(app) -> str:
    return f"ONESTOP:1;ID={app.id};SHA256={hashlib.sha256(canonical_json(app)).hexdigest()}"


def _strings(value, path: str):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, f"{path}.{k}" if path else k)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, f"{path}.{i}")


def check_glyphs(app) -> None:
    """Refuse before drawing anything if a character of the application has no glyph in our fonts."""
    for path, text in _strings(app.to_json_dict(), ""):
        missing = missing_glyphs(text, SERIF)
        if missing:
            raise MissingGlyphError(missing, path)


class _Doc(BaseDocTemplate):
    def __init__(self, buffer, app, total_pages: int):
        super().__init__(buffer, pagesize=(PAGE_W, PAGE_H), leftMargin=MARGIN_LEFT, rightMargin=PAGE_W - MARGIN_LEFT - FRAME_W,
                         topMargin=PAGE_H - MARGIN_BOTTOM - FRAME_H, bottomMargin=MARGIN_BOTTOM,
                         title="人身安全保护令申请材料", author="OneStop", subject=app.id, creator="OneStop",
                         producer="OneStop", invariant=1, pageCompression=1, initialFontName=SERIF)
        self.app_id, self.total_pages = app.id, total_pages
        frame = Frame(MARGIN_LEFT, MARGIN_BOTTOM, FRAME_W, FRAME_H, id="body", leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._footer)])

    def _footer(self, canvas, doc):
        canvas.saveState()
        canvas.setFont(SERIF, 12)
        total = self.total_pages or 0
        canvas.drawCentredString(PAGE_W / 2, 18 * 2.834645, f"第 {doc.page} 页 共 {total} 页")
        canvas.setFont(SERIF, 8)
        canvas.drawCentredString(PAGE_W / 2, 12 * 2.834645, f"申请编号 {self.app_id}")
        canvas.restoreState()


def _layout_once(app, styles: Styles, prepared: dict, signature: bytes | None, layout: sections.Layout,
                 total_pages: int) -> tuple[bytes, int]:
    buffer = io.BytesIO()
    doc = _Doc(buffer, app, total_pages)
    index = [(n, item.title) for n, item in enumerate(app.evidence or [], 1)]
    story = sections.cover(app, styles, layout, qr_text(app), index)
    story += [sections.Mark("application", layout.found)]
    story += sections.application(app, styles, signature)
    if app.applicant and app.applicant.address_confidential:
        story += sections.confidential(app, styles, layout)
    story += sections.evidence_list(app, styles, layout, prepared)
    story += sections.exhibits(app, styles, layout, prepared)
    if story and isinstance(story[-1], sections.PageBreak):
        story.pop()
    doc.build(story)
    return buffer.getvalue(), doc.page


def _own_resources(page) -> None:
    """reportlab shares one /Resources among all pages; give this page its own before merging into it,
    so an exhibit's fonts and images are listed on its page only."""
    from pypdf.generic import DictionaryObject, NameObject

    shared = page["/Resources"].get_object()
    own = DictionaryObject()
    for key, value in shared.items():
        value = value.get_object()
        own[NameObject(key)] = DictionaryObject(value) if isinstance(value, DictionaryObject) else value
    page[NameObject("/Resources")] = own


def _merge_pdf_exhibits(pdf: bytes, prepared: dict, slots: dict) -> bytes:
    """Lay each page of each PDF exhibit into its slot, scaled to fit and centred (pypdf)."""
    if not slots:
        return pdf
    from pypdf import PdfReader, PdfWriter, Transformation

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    readers: dict[str, PdfReader] = {}
    for (path, k), (page_no, x, y, w, h) in sorted(slots.items(), key=lambda kv: kv[1][0]):
        reader = readers.get(path) or readers.setdefault(path, PdfReader(io.BytesIO(prepared[path].pdf)))
        src = reader.pages[k]
        if src.rotation:
            src.transfer_rotation_to_content()
        box = src.cropbox
        sw, sh = float(box.width), float(box.height)
        scale = min(w / sw, h / sh)
        tx = x + (w - sw * scale) / 2 - float(box.left) * scale
        ty = y + (h - sh * scale) / 2 - float(box.bottom) * scale
        target = writer.pages[page_no - 1]
        _own_resources(target)
        target.merge_transformed_page(src, Transformation().scale(scale).translate(tx, ty), expand=False)
    writer.add_metadata({"/Producer": "OneStop"})
    digest = hashlib.md5(pdf).digest()  # noqa: S324 - a document id, not a security hash
    from pypdf.generic import ArrayObject, ByteStringObject

    writer._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def build_packet(app, files: EvidenceFiles, progress: Progress | None = None) -> bytes:
    """The whole packet as PDF bytes. Raises MissingGlyphError before doing any work."""
    check_glyphs(app)
    styles = Styles()
    entries = [f for item in (app.evidence or []) for f in (item.files or [])]
    steps = len(entries) + 2
    prepared = prepare_all(files, entries, sections.PHOTO_BOX,
                           (lambda i, n, what: progress(i, steps, what)) if progress else None,
                           workers=max(1, min(2, os.cpu_count() or 1)))
    signature = None
    if app.signature and app.signature.image:
        with files.open(app.signature.image) as stream:
            signature = stream.read()
    if progress:
        progress(len(entries), steps, "layout")
    layout = sections.Layout()
    total = 0
    for _attempt in range(4):  # page numbers settle in two passes; a third only if digits reflowed
        layout.found, layout.slots = {}, {}
        pdf, pages = _layout_once(app, styles, prepared, signature, layout, total)
        if pages == total and layout.found == layout.pages:
            break
        layout.pages, total = dict(layout.found), pages
    if progress:
        progress(len(entries) + 1, steps, "merge")
    pdf = _merge_pdf_exhibits(pdf, prepared, layout.slots)
    if progress:
        progress(steps, steps, "done")
    return pdf


def write_packet(app, files: EvidenceFiles, out_path: Path, progress: Progress | None = None) -> int:
    """Build, then write atomically: the file appears whole or not at all. Returns its size."""
    pdf = build_packet(app, files, progress)
    out_path = Path(out_path)
    fd, tmp = tempfile.mkstemp(prefix=".packet-", suffix=".part", dir=out_path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(pdf)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, out_path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return len(pdf)


__all__ = ["build_packet", "write_packet", "canonical_json", "qr_text", "check_glyphs", "EvidenceFiles"]
