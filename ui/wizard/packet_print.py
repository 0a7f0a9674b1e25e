"""Print an in-memory PDF (QPdfDocument) to a QPrinter; nothing is written to disk by this code.

QtPdf (pdfium) only renders pages to images, so each page is rasterised at the printer's resolution
(capped at 300 dpi). The page's text is also drawn, invisibly, at the top of the page so that a PDF
printer's output stays searchable and readable by screen readers; a paper printer shows nothing of it.
"""
from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

MAX_DPI = 300


def print_document(document: QPdfDocument, printer: QPrinter) -> int:
    """Print every page; returns the number of pages printed (0 when the printer refused)."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        count = document.pageCount()
        for page in range(count):
            if page:
                printer.newPage()
            target = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
            target.moveTo(0, 0)
            size_pt = document.pagePointSize(page)
            dpi = min(printer.resolution(), MAX_DPI)
            pixels = QSize(max(1, int(size_pt.width() * dpi / 72)), max(1, int(size_pt.height() * dpi / 72)))
            image = document.render(page, pixels)
            scaled = image.size().scaled(target.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio)
            area = QRectF(target.x(), target.y(), scaled.width(), scaled.height())
            painter.drawImage(area, image)
            text = document.getAllText(page).text()
            if text:
                painter.save()
                painter.setPen(QPen(QColor(0, 0, 0, 0)))
                painter.drawText(area, Qt.TextFlag.TextWordWrap, text)
                painter.restore()
        return count
    finally:
        painter.end()
