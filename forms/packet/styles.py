"""Page geometry and type for the packet, after GB/T 9704-2012 proportions.

A4; margins top 37 mm, left 28 mm, right 26 mm, bottom 35 mm; title 22 pt (二号) bold serif;
body 16 pt (三号) serif with about 28 pt line pitch (≈ 22 lines × 28 characters); dense tables 14 pt
and below. The footer carries 第 n 页 共 N 页 and the application id on every page.
"""
from __future__ import annotations

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from ..pdf_fonts import register_fonts

PAGE_W, PAGE_H = A4
MARGIN_TOP, MARGIN_BOTTOM = 37 * mm, 35 * mm
MARGIN_LEFT, MARGIN_RIGHT = 28 * mm, 26 * mm
FRAME_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT
FRAME_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM

SERIF, SERIF_BOLD, MONO = "OneStopSerif", "OneStopSerifBold", "OneStopMono"


class Styles:
    """The paragraph styles, made once fonts are registered."""

    def __init__(self) -> None:
        register_fonts()
        body = dict(fontName=SERIF, fontSize=16, leading=28, wordWrap="CJK", alignment=TA_JUSTIFY)
        self.title = ParagraphStyle("title", fontName=SERIF_BOLD, fontSize=22, leading=34,
                                    alignment=TA_CENTER, spaceAfter=18, wordWrap="CJK")
        self.heading = ParagraphStyle("heading", fontName=SERIF_BOLD, fontSize=16, leading=28, wordWrap="CJK",
                                      keepWithNext=1)  # never a heading alone at the foot of a page
        self.body = ParagraphStyle("body", firstLineIndent=32, **body)
        self.body_flush = ParagraphStyle("body_flush", **body)
        self.right = ParagraphStyle("right", **{**body, "alignment": TA_RIGHT})
        self.centre = ParagraphStyle("centre", **{**body, "alignment": TA_CENTER})
        self.small = ParagraphStyle("small", fontName=SERIF, fontSize=12, leading=18, wordWrap="CJK")
        self.table = ParagraphStyle("table", fontName=SERIF, fontSize=10.5, leading=14, wordWrap="CJK")
        self.table_head = ParagraphStyle("table_head", fontName=SERIF_BOLD, fontSize=10.5, leading=14,
                                         alignment=TA_CENTER, wordWrap="CJK")
        self.mono = ParagraphStyle("mono", fontName=MONO, fontSize=7, leading=9, alignment=TA_LEFT)
        self.urgent = ParagraphStyle("urgent", fontName=SERIF_BOLD, fontSize=22, leading=30,
                                     alignment=TA_CENTER, wordWrap="CJK")
        self.exhibit_head = ParagraphStyle("exhibit_head", fontName=SERIF_BOLD, fontSize=14, leading=20,
                                           wordWrap="CJK")
        self.exhibit_note = ParagraphStyle("exhibit_note", fontName=SERIF, fontSize=10.5, leading=14,
                                           wordWrap="CJK")
