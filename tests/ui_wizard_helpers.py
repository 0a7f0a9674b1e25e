"""Helpers for the wizard's pytest-qt tests: a vault in a temp home, the bundled CJK font, typing like a user."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from forms import pdf_fonts

_font_family: str | None = None


def use_bundled_font() -> None:
    """Register the bundled CJK sans and make it the app font (ui/app.py does this in the real app)."""
    global _font_family
    if _font_family is None:
        font_id = QFontDatabase.addApplicationFontFromData(pdf_fonts.font_bytes(pdf_fonts.SANS))
        _font_family = QFontDatabase.applicationFontFamilies(font_id)[0]
    QApplication.setFont(QFont(_font_family, 10))


def type_text(qtbot, widget: QWidget, text: str, *, leave: bool = True) -> None:
    """Type ``text`` as a user would: ASCII by key clicks, Chinese committed by an input method."""
    widget.setFocus()
    run = ""
    for ch in text + "\0":
        if ch != "\0" and (ord(ch) < 128) == (not run or ord(run[0]) < 128):
            run += ch
            continue
        if run and ord(run[0]) < 128:
            qtbot.keyClicks(widget, run)
        elif run:
            event = QInputMethodEvent("", [])
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)
        run = ch if ch != "\0" else ""
    if leave:
        if hasattr(widget, "editingFinished"):
            widget.editingFinished.emit()
        else:
            widget.clearFocus()


def choose(combo: QComboBox, value) -> None:
    """Pick the entry whose data is ``value`` (an enum's string), as a click on the list would."""
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def click(qtbot, button) -> None:
    """Click where a user would: on the box of a check or radio button, in the middle of a push button."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QCheckBox, QRadioButton
    pos = QPoint(8, button.height() // 2) if isinstance(button, (QCheckBox, QRadioButton)) else button.rect().center()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=pos)
