"""A signature pad: mouse or touch strokes into a QPainterPath, exported as PNG bytes in memory."""
from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


class SignaturePad(QWidget):
    sig_signed = Signal()  # a stroke was drawn

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.path = QPainterPath()
        self.setMinimumSize(360, 130)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._pen = QPen(QColor("#111"), 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)

    def is_empty(self) -> bool:
        return self.path.isEmpty()

    def clear(self) -> None:
        self.path = QPainterPath()
        self.update()

    # strokes (mouse; touch arrives as synthesised mouse events unless handled)
    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self.path.moveTo(event.position())
        self.path.lineTo(event.position() + QPointF(0.1, 0.1))
        self.update()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.path.lineTo(event.position())
            self.update()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self.sig_signed.emit()

    def add_stroke(self, points: list[tuple[float, float]]) -> None:
        """Draw a stroke programmatically (tests, accessibility tools)."""
        if not points:
            return
        self.path.moveTo(QPointF(*points[0]))
        for x, y in points[1:]:
            self.path.lineTo(QPointF(x, y))
        self.update()
        self.sig_signed.emit()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setPen(QPen(QColor("#999"), 1, Qt.PenStyle.DashLine))
        baseline = self.height() - 30
        painter.drawLine(20, baseline, self.width() - 20, baseline)
        painter.setPen(self._pen)
        painter.drawPath(self.path)

    def png_bytes(self) -> bytes:
        """The strokes on a transparent background, cropped to the ink, as PNG (never written to disk)."""
        bounds = self.path.boundingRect().adjusted(-6, -6, 6, 6)
        image = QImage(max(1, int(bounds.width())), max(1, int(bounds.height())), QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(-bounds.topLeft())
        painter.setPen(self._pen)
        painter.drawPath(self.path)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        return bytes(data.data())
