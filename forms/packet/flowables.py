"""Small reportlab flowables the packet needs: page marks, PDF page slots, the QR code."""
from __future__ import annotations

import io

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable


class Mark(Flowable):
    """Zero-size: records the page it lands on under ``key`` (for the contents and the evidence list)."""

    def __init__(self, key: str, pages: dict):
        super().__init__()
        self.key, self.pages = key, pages
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self):
        self.pages.setdefault(self.key, self.canv.getPageNumber())


class Slot(Flowable):
    """A blank rectangle where a page of a PDF exhibit is laid in after the build (pypdf)."""

    def __init__(self, key, slots: dict, width: float, height: float):
        super().__init__()
        self.key, self.slots = key, slots
        self.width, self.height = width, height

    def wrap(self, availWidth, availHeight):
        self.height = min(self.height, availHeight)
        return self.width, self.height

    def drawOn(self, canvas, x, y, _sW=0):
        self.slots[self.key] = (canvas.getPageNumber(), x, y, self.width, self.height)
        super().drawOn(canvas, x, y, _sW)

    def draw(self):
        self.canv.setLineWidth(0.3)
        self.canv.setStrokeGray(0.6)
        self.canv.rect(0, 0, self.width, self.height)


class QrCode(Flowable):
    """A QR code drawn as filled squares straight on the canvas.

    reportlab's QrCodeWidget renders through renderPDF, which sets the default Helvetica (a font we
    would then carry unembedded); its encoder alone is used here.
    """

    QUIET = 4  # modules of white border, as the QR standard asks

    def __init__(self, text: str, size: float):
        super().__init__()
        qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)  # None: smallest version that fits
        qr.addData(text)
        qr.make()
        self.count = qr.getModuleCount()
        self.dark = [(r, c) for r in range(self.count) for c in range(self.count) if qr.isDark(r, c)]
        self.width = self.height = size

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self):
        module = self.width / (self.count + 2 * self.QUIET)
        self.canv.setFillGray(0)
        for r, c in self.dark:
            x = (c + self.QUIET) * module
            y = self.height - (r + 1 + self.QUIET) * module
            self.canv.rect(x, y, module, module, stroke=0, fill=1)


class _JpegReader(ImageReader):
    """An ImageReader for JPEG bytes that reportlab embeds as they are (DCTDecode).

    canvas.drawImage names an ImageReader's XObject by hashing ``getRGBData()``, which decodes the
    whole photo to raw pixels and keeps them (≈ 6 MB a photo, for nothing: the JPEG stream is embedded
    unchanged). For a JPEG the compressed bytes identify the image just as well.
    """

    def __init__(self, data: bytes):
        super().__init__(io.BytesIO(data))
        self._jpeg = data
        self._dataA = None  # no alpha mask (set by getRGBData in the base class)

    def getRGBData(self):
        return self._jpeg


class Photo(Flowable):
    """A JPEG drawn at a given size, embedded without decoding."""

    def __init__(self, jpeg: bytes, width: float, height: float):
        super().__init__()
        self.jpeg, self.width, self.height = jpeg, width, height

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self):
        self.canv.drawImage(_JpegReader(self.jpeg), 0, 0, self.width, self.height)
