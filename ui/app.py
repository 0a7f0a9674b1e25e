"""Build the QApplication: the bundled CJK font as the app font, Qt's own Chinese translations, the text size.

    app = build_app(argv, settings)        # one per process
    apply_language("en")                   # forms.i18n + Qt's translator, live (house style 7)
    apply_text_size(large=True)            # the app font grows; every widget follows

The font is registered from memory (``forms.pdf_fonts.font_bytes``) so the UI renders Chinese on a PC
without a CJK font. Qt's translations (``qtbase_zh_CN.qm``) come from PySide6's own folder, so the
buttons of QMessageBox, QPrintDialog and QFileDialog speak Chinese too.
"""
from __future__ import annotations

import os
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from forms import i18n, pdf_fonts

NORMAL_POINT_SIZE = 12
LARGE_POINT_SIZE = 16
FALLBACK_FAMILIES = ["Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei"]

_qt_translator: QTranslator | None = None
_family: str | None = None


def register_font() -> str | None:
    """Register the bundled sans face (once); its family name, or None when the file is missing."""
    global _family
    if _family is None:
        try:
            font_id = QFontDatabase.addApplicationFontFromData(pdf_fonts.font_bytes(pdf_fonts.SANS))
        except (OSError, ValueError):
            return None
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        _family = families[0] if families else None
    return _family


def ui_font(large: bool = False) -> QFont:
    font = QFont()
    family = register_font()
    font.setFamilies(([family] if family else []) + FALLBACK_FAMILIES)
    font.setPointSize(LARGE_POINT_SIZE if large else NORMAL_POINT_SIZE)
    return font


def apply_text_size(large: bool) -> None:
    """Set the app font; widgets without a font of their own follow (headings: ui.style)."""
    QApplication.setFont(ui_font(large))
    app = QApplication.instance()
    if app.styleSheet():                   # styled widgets cache their font: re-polish them
        app.setStyleSheet(app.styleSheet())


def _load_qt_translator(lang: str) -> None:
    global _qt_translator
    app = QApplication.instance()
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
        _qt_translator = None
    if lang != "zh":
        QLocale.setDefault(QLocale(QLocale.English, QLocale.UnitedStates))
        return
    QLocale.setDefault(QLocale(QLocale.Chinese, QLocale.China))
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.TranslationsPath)
    if translator.load("qtbase_zh_CN", folder):
        app.installTranslator(translator)
        _qt_translator = translator


def apply_language(lang: str) -> None:
    """Our catalogue (forms.i18n) and Qt's own. Pages then retranslate themselves (MainWindow.retranslate)."""
    i18n.set_language(lang)
    _load_qt_translator(lang)


def startup_language(settings_language: str) -> str:
    """``ONESTOP_LANG`` overrides the kiosk's setting (tests, support staff)."""
    if os.environ.get("ONESTOP_LANG", "").strip():
        return i18n.detect_language()
    return settings_language if settings_language in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE


def _calm_excepthook(kind, value, tb) -> None:
    """No traceback reaches the user, and none (it may hold names) is written anywhere."""
    from ui.messages import show_unexpected
    sys.stderr.write(f"OneStop: unexpected {kind.__name__}\n")
    try:
        show_unexpected(None)
    except Exception:  # noqa: BLE001 - the last guard must not raise
        pass


def build_app(argv: list[str], settings) -> QApplication:
    app = QApplication.instance() or QApplication(list(argv))
    app.setApplicationName("OneStop")
    app.setApplicationDisplayName(settings.neutral_title or "OneStop")
    app.setStyle("Fusion")
    apply_text_size(settings.large_text)
    apply_language(startup_language(settings.language))
    sys.excepthook = _calm_excepthook
    return app
