"""The calm look: spacing, a primary button, headings that follow the app font (large-text mode)."""
from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QHeaderView, QLabel, QPushButton, QTableWidget, QWidget,
)

MARGIN = 48
SPACING = 16
CONTENT_WIDTH = 620          # forms stay narrow and centred on a 1366-wide screen

STYLE_SHEET = """
QWidget#page { background: #f7f6f3; }
QPushButton { padding: 8px 18px; border-radius: 6px; border: 1px solid #b9b5ad; background: #ffffff; }
QPushButton:focus { border: 2px solid #2f6f8f; }
QPushButton[primary="true"] { background: #2f6f8f; color: white; border: 1px solid #285f7a; }
QPushButton[primary="true"]:disabled { background: #9dbac8; border-color: #9dbac8; }
QPushButton[link="true"] { border: none; background: transparent; color: #2f6f8f; text-decoration: underline; }
QPushButton[link="true"]:focus { border: 1px dotted #2f6f8f; }
QPushButton#quickExit { background: #b3412e; color: white; border: 1px solid #9a3626; font-weight: bold; }
QLineEdit, QComboBox, QSpinBox, QDoubleSpinBox { padding: 6px; border: 1px solid #b9b5ad; border-radius: 4px;
    background: white; }
QLineEdit:focus, QComboBox:focus, QSpinBox:focus { border: 2px solid #2f6f8f; }
QLabel[role="error"] { color: #a33222; }
QLabel[role="hint"] { color: #5d5a55; }
QLabel#recoveryKey { background: white; border: 2px dashed #2f6f8f; padding: 16px; }
QToolBar { spacing: 8px; padding: 6px; border: none; background: #ecebe6; }
"""


def heading(text: str = "", scale: float = 1.6) -> QLabel:
    """A label whose size is ``scale`` × the app font, re-applied by :func:`refresh_fonts`."""
    label = QLabel(text)
    label.setProperty("heading_scale", scale)
    label.setWordWrap(True)
    _scale(label)
    return label


def _scale(label: QLabel) -> None:
    font = QFont(QApplication.font())
    font.setPointSizeF(font.pointSizeF() * float(label.property("heading_scale")))
    font.setBold(True)
    label.setFont(font)


def refresh_fonts(root: QWidget) -> None:
    """After the app font changed (large-text mode): headings follow it."""
    for label in root.findChildren(QLabel):
        if label.property("heading_scale"):
            _scale(label)


def primary(button: QPushButton) -> QPushButton:
    button.setProperty("primary", True)
    button.setDefault(True)
    return button


def role(label: QLabel, name: str) -> QLabel:
    label.setProperty("role", name)
    label.setWordWrap(True)
    return label


def list_table(columns: int) -> QTableWidget:
    """A read-only list: whole rows selected one at a time, no grid, Tab leaves the table."""
    table = QTableWidget(0, columns)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.verticalHeader().hide()
    table.setShowGrid(False)
    table.setTabKeyNavigation(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
    return table
