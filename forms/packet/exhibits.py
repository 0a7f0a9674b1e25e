"""Evidence files made ready for the packet: photos downscaled, PDFs counted, the rest described.

Everything happens in memory: no thumbnail, temporary file or cache of an evidence file is
written anywhere. Photos are decoded at reduced scale first (Pillow's ``draft`` for JPEG), turned
upright by their EXIF orientation, scaled to about 200 dpi at the size they print, and re-encoded
without their metadata — so a phone photo's GPS position never reaches the packet.
"""
from __future__ import annotations

import hashlib
import io
import mimetypes
from dataclasses import dataclass, field
from typing import BinaryIO, Protocol

from PIL import Image, ImageOps, UnidentifiedImageError

from pillow_heif import register_heif_opener

register_heif_opener()  # HEIC photos from iPhones

PRINT_DPI = 200
JPEG_QUALITY = 80
READ_BLOCK = 1 << 20


class EvidenceFiles(Protocol):
    """Where the packet reads evidence bytes: a folder beside the JSON, or the vault."""

    def open(self, path: str) -> BinaryIO: ...


@dataclass
class Exhibit:
    """One evidence file as the packet will show it."""

    path: str
    kind: str  # "image" | "pdf" | "other"
    size: int
    sha256: str
    media_type: str
    image: bytes | None = None  # JPEG, already scaled for print
    image_px: tuple[int, int] = (0, 0)
    pdf: bytes | None = None
    pdf_pages: int = 0
    note: str = ""  # why a PDF or image could not be shown, in Chinese
    extra: dict = field(default_factory=dict)


def _consume(stream: BinaryIO, head: bytes, keep: bool) -> tuple[int, str, bytes | None]:
    """Hash the rest of ``stream`` after ``head`` (already read): (size, sha256, the bytes when ``keep``)."""
    digest = hashlib.sha256(head)
    size, chunks = len(head), [head]
    while block := stream.read(READ_BLOCK):
        digest.update(block)
        size += len(block)
        if keep:
            chunks.append(block)
    return size, digest.hexdigest(), b"".join(chunks) if keep else None


def sniff(head: bytes, path: str, declared: str | None) -> tuple[str, str]:
    """(kind, media type) from the first bytes, then the declared type, then the name."""
    if head.startswith(b"%PDF-"):
        return "pdf", "application/pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "image", "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image", "image/png"
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftyphevc"):
        return "image", "image/heic"
    media = declared or mimetypes.guess_type(path)[0] or "application/octet-stream"
    if media in ("image/gif", "image/bmp", "image/webp", "image/tiff"):
        return "image", media
    return "other", media


def scale_photo(data: bytes, box_pt: tuple[float, float]) -> tuple[bytes, tuple[int, int]]:
    """Decode, turn upright, fit into ``box_pt`` at PRINT_DPI, encode as a plain JPEG."""
    max_w = int(box_pt[0] / 72 * PRINT_DPI)
    max_h = int(box_pt[1] / 72 * PRINT_DPI)
    with Image.open(io.BytesIO(data)) as img:
        orientation = img.getexif().get(0x0112, 1)
        if img.format == "JPEG":
            # draft() decodes at 1/2, 1/4 or 1/8 scale straight from the DCT data; it works on the stored
            # (unrotated) pixels, so ask for the size the photo will have once fitted and turned.
            w, h = img.size
            turned = orientation in (5, 6, 7, 8)
            fit = min(max_w / (h if turned else w), max_h / (w if turned else h), 1.0)
            img.draft("RGB", (max(1, int(w * fit)), max(1, int(h * fit))))
        img = ImageOps.exif_transpose(img)
        if img.mode not in ("RGB", "L"):
            rgba = img.convert("RGBA")
            img = Image.new("RGB", rgba.size, "white")
            img.paste(rgba, mask=rgba.getchannel("A"))
        img.thumbnail((max_w, max_h), Image.Resampling.LANCZOS, reducing_gap=3.0)
        out = io.BytesIO()
        img.save(out, "JPEG", quality=JPEG_QUALITY, optimize=False, progressive=False)
        return out.getvalue(), img.size


def duration(stream: BinaryIO) -> float | None:
    """Length in seconds of an audio or video file, read from its headers (mutagen: MP4/M4A, MP3,
    WAV, OGG, FLAC, AAC…), or None when unknown."""
    import mutagen

    try:
        media = mutagen.File(stream)
    except Exception:  # noqa: BLE001 - mutagen raises many kinds on files it cannot read; unknown is fine
        return None
    length = getattr(getattr(media, "info", None), "length", None)
    return float(length) if length else None


def format_duration(seconds: float) -> str:
    """'1小时02分03秒', '2分05秒', '9秒'."""
    total = int(round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}小时{minutes:02d}分{secs:02d}秒"
    return f"{minutes}分{secs:02d}秒" if minutes else f"{secs}秒"


def read(files: EvidenceFiles, path: str, declared: str | None) -> tuple[Exhibit, bytes | None]:
    """Read one evidence file: its kind, size and SHA-256, and its bytes when it will be printed."""
    with files.open(path) as stream:
        head = stream.read(16)
        kind, media = sniff(head, path, declared)
        # audio, video…: only hashed, never held in memory; photos and PDFs are kept to be printed
        size, sha, data = _consume(stream, head, keep=kind != "other")
        exhibit = Exhibit(path=path, kind=kind, size=size, sha256=sha, media_type=media)
        if kind == "other":
            stream.seek(0)
            seconds = duration(stream)
            if seconds is not None:
                exhibit.extra["duration"] = format_duration(seconds)
    return exhibit, data


def finish(exhibit: Exhibit, data: bytes | None, photo_box_pt: tuple[float, float]) -> Exhibit:
    """Make a read exhibit printable: scale a photo, count a PDF's pages. Safe to run in a worker thread."""
    if exhibit.kind == "image":
        try:
            exhibit.image, exhibit.image_px = scale_photo(data, photo_box_pt)
        except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
            exhibit.kind = "other"
            exhibit.note = "该图片无法解码，原始文件随电子材料一并提交。"
    elif exhibit.kind == "pdf":
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError

        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise PyPdfError("encrypted")
            exhibit.pdf_pages = len(reader.pages)
            exhibit.pdf = data
        except (PyPdfError, ValueError, KeyError, OSError):
            exhibit.kind = "other"
            exhibit.note = "该PDF文件已加密或已损坏，无法打印，原始文件随电子材料一并提交。"
    return exhibit


def prepare_all(files: EvidenceFiles, entries, photo_box_pt, progress=None, workers: int = 2) -> dict[str, Exhibit]:
    """Read the files one after another (the vault serves one reader at a time) and decode and scale the
    photos on ``workers`` threads (Pillow releases the GIL), at most ``2 × workers`` photos in memory."""
    from concurrent.futures import ThreadPoolExecutor

    prepared: dict[str, Exhibit] = {}
    in_flight = []
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="packet-photo") as pool:
        for i, entry in enumerate(entries):
            if progress:
                progress(i, len(entries), entry.path)
            if entry.path in prepared:
                continue
            exhibit, data = read(files, entry.path, entry.media_type)
            prepared[entry.path] = exhibit
            in_flight.append(pool.submit(finish, exhibit, data, photo_box_pt))
            while len(in_flight) >= 2 * workers:
                in_flight.pop(0).result()
        for future in in_flight:
            future.result()
    return prepared
