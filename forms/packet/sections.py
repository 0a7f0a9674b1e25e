"""The packet's sections as reportlab flowables, in order:
cover (封面), application (申请书), confidential sheet (保密信息), evidence list (证据清单), exhibits.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from html import escape as _html_escape

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (Image, KeepTogether, PageBreak, Paragraph, Spacer, Table,
                                TableStyle)

from . import text as t
from .exhibits import Exhibit
from .flowables import Mark, Photo, QrCode, Slot
from .styles import FRAME_H, FRAME_W, SERIF, Styles

BASE_FONT = ("FONT", (0, 0), (-1, -1), SERIF)  # else reportlab draws empty cells in (unembedded) Helvetica
EXHIBIT_HEAD_H = 64  # points kept above a photo or a PDF page for the exhibit's header
PHOTO_BOX = (FRAME_W, FRAME_H - EXHIBIT_HEAD_H - 8)


@dataclass
class Layout:
    """Page numbers learnt from the previous pass, and slots found in this one."""

    pages: dict = field(default_factory=dict)      # key -> first page, from the last pass
    found: dict = field(default_factory=dict)      # key -> page, filled while building
    slots: dict = field(default_factory=dict)      # (exhibit index, pdf page) -> (page, x, y, w, h)

    def page(self, key: str) -> str:
        return str(self.pages.get(key, "")) if self.pages else "  "


def escape(text: str) -> str:
    return _html_escape(text, quote=False)


def P(text: str, style) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _v(x) -> str:
    return getattr(x, "value", x) or ""


def filer_words(app) -> str:
    filed = app.filed_by
    if filed and _v(filed.kind) == "proxy" and filed.proxy:
        kind = t.PROXY_KIND.get(_v(filed.proxy.kind), "")
        return f"代为申请：{filed.proxy.name or ''}（{kind}）"
    return "申请人本人申请"


def evidence_count(app) -> int:
    return len(app.evidence or [])


# --- cover -----------------------------------------------------------------------------------

def cover(app, s: Styles, layout: Layout, qr_text: str, exhibits_index: list[tuple[int, str]]) -> list:
    out: list = [Mark("cover", layout.found), P("人身安全保护令申请材料", s.title)]
    if app.urgent:
        box = [P("情况紧急", s.urgent),
               P("请依法在受理后二十四小时内作出裁定（《中华人民共和国反家庭暴力法》第二十八条）", s.centre)]
        if app.urgency_reason:
            box.append(P(f"紧急情形：{app.urgency_reason}", s.small))
        table = Table([[box]], colWidths=[FRAME_W])
        table.setStyle(TableStyle([BASE_FONT, ("BOX", (0, 0), (-1, -1), 3, "black"),
                                   ("TOPPADDING", (0, 0), (-1, -1), 8), ("BOTTOMPADDING", (0, 0), (-1, -1), 10)]))
        out += [table, Spacer(1, 10)]
    signed = app.signature.signed_at if app.signature and app.signature.signed_at else app.created_at
    rows = [
        ("受理法院", (app.court.name if app.court else "") or ""),
        ("申请方式", filer_words(app)),
        ("申请编号", app.id),
        ("申请日期", t.cn_date(signed) if signed else "　　年　　月　　日"),
    ]
    if app.jurisdiction_basis:
        rows.append(("管辖依据", f"{t.JURISDICTION.get(_v(app.jurisdiction_basis), '')}（《反家庭暴力法》第二十五条）"))
    info = Table([[P(k, s.table_head), P(v, s.table)] for k, v in rows], colWidths=[28 * mm, FRAME_W - 28 * mm])
    info.setStyle(TableStyle([BASE_FONT, ("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    out += [info, Spacer(1, 8), P("目　录", s.heading)]

    contents = [("申请书", "application")]
    if app.applicant and app.applicant.address_confidential:
        contents.append(("保密信息（仅供法院使用）", "confidential"))
    contents.append(("证据清单", "evidence_list"))
    contents += [(f"证据{n}　{title}", f"exhibit{n}") for n, title in exhibits_index]
    toc = Table([[P(name, s.table), P(f"第 {layout.page(key)} 页", s.table)] for name, key in contents],
                colWidths=[FRAME_W - 30 * mm, 30 * mm])
    toc.setStyle(TableStyle([BASE_FONT, ("LINEBELOW", (0, 0), (-1, -1), 0.25, "grey"), ("ALIGN", (1, 0), (1, -1), "RIGHT")]))
    out += [toc, Spacer(1, 8)]
    note = P("依据《最高人民法院关于人身安全保护令案件相关程序问题的批复》（法释〔2016〕15号），"
             "申请人身安全保护令不收取诉讼费用，不需要提供担保。", s.small)
    qr = QrCode(qr_text, 34 * mm)
    caption = P("扫码核对：申请编号及申请数据（规范化 JSON）的 SHA-256", s.table)
    out.append(Table([[note, [qr, caption]]], colWidths=[FRAME_W - 40 * mm, 40 * mm],
                     style=TableStyle([BASE_FONT, ("VALIGN", (0, 0), (-1, -1), "TOP")])))
    out.append(PageBreak())
    return out


# --- application (申请书) ---------------------------------------------------------------------

def application(app, s: Styles, signature_png: bytes | None) -> list:
    confidential = bool(app.applicant and app.applicant.address_confidential)
    out: list = [P("人身安全保护令申请书", s.title)]
    out.append(P("申请人：" + t.person_line(app.applicant, hide_current_address=confidential), s.body_flush))
    proxy = app.filed_by.proxy if app.filed_by and _v(app.filed_by.kind) == "proxy" else None
    if proxy:
        line = f"代为申请人：{proxy.name or ''}（{t.PROXY_KIND.get(_v(proxy.kind), '')}）"
        if proxy.address:
            line += f"，住所地{proxy.address}"
        if proxy.handler:
            line += f"，经办人{proxy.handler}"
        if proxy.phone:
            line += f"，联系电话{proxy.phone}"
        out.append(P(line + "。", s.body_flush))
        ground, rule = t.PROXY_GROUND.get(_v(proxy.ground), ("", ""))
        if ground:
            out.append(P(f"代为申请的理由：申请人{app.applicant.name or ''}{ground}，无法自行申请，"
                         f"依据{rule}，由{proxy.name or ''}代为申请。", s.body))
        if proxy.victim_wishes:
            out.append(P(f"申请人的意愿：{proxy.victim_wishes}", s.body))
    resp = app.respondent
    rel = t.relationship_words(resp.relationship, resp.gender, resp.relationship_detail)
    out.append(P("被申请人：" + t.person_line(resp, hide_current_address=False)
                 + (f"被申请人系申请人的{rel}。" if rel else ""), s.body_flush))
    for r in app.protected_relatives or []:
        line = f"受保护的近亲属：{r.name}，系申请人的{r.relation_to_applicant}"
        if r.birth_date:
            line += f"，{t.cn_date(r.birth_date)}出生"
        if r.id_number:
            line += f"，公民身份号码{r.id_number}"
        out.append(P(line + "。", s.body_flush))

    out.append(P("请求事项：", s.heading))
    requests = app.requests or []
    for n, request in enumerate(requests, 1):
        end = "。" if n == len(requests) else "；"
        out.append(P(f"{t.cn_number(n)}、{t.measure_sentence(app, request)}{end}", s.body))

    out.append(P("事实和理由：", s.heading))
    for incident in sorted(app.incidents or [], key=lambda i: t.date_sort_key(i.date)):
        out.append(P(t.incident_paragraph(incident), s.body))
    for para in (app.facts or "").splitlines():
        if para.strip():
            out.append(P(para.strip(), s.body))
    out.append(P("申请人现面临家庭暴力的现实危险，为保护申请人的人身安全，根据《中华人民共和国反家庭暴力法》"
                 "第二十三条、第二十七条、第二十九条之规定，特向贵院申请人身安全保护令。", s.body))
    if app.urgent:
        out.append(P("申请人情况紧急，请求贵院在二十四小时内作出裁定。", s.body))

    closing = [P("此致", s.body), P((app.court.name if app.court else "") or "", s.body_flush), Spacer(1, 6),
               P(f"附：证据材料 {evidence_count(app)} 份（详见证据清单）", s.body_flush), Spacer(1, 10)]
    closing += signature_block(app, s, signature_png, proxy)
    out.append(KeepTogether(closing))
    out.append(PageBreak())
    return out


def signature_block(app, s: Styles, signature_png: bytes | None, proxy) -> list:
    rows = []
    if signature_png:
        reader = ImageReader(io.BytesIO(signature_png))
        w, h = reader.getSize()
        height = 18 * mm
        sign = Image(io.BytesIO(signature_png), width=height * w / h if h else height, height=height)
        rows.append([P("申请人（签名）：", s.body_flush), sign])
    else:
        rows.append([P("申请人（签名）：", s.body_flush), P("＿＿＿＿＿＿＿＿", s.body_flush)])
    finger = Table([[P("捺印", s.table)]], colWidths=[22 * mm], rowHeights=[22 * mm])
    finger.setStyle(TableStyle([BASE_FONT, ("BOX", (0, 0), (-1, -1), 0.5, "grey"), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                ("ALIGN", (0, 0), (-1, -1), "CENTER")]))
    rows.append([P("申请人（捺印）：", s.body_flush), finger])
    if proxy:
        rows.append([P("代为申请人（盖章）：", s.body_flush), P(proxy.name or "", s.body_flush)])
        rows.append([P("经办人（签名）：", s.body_flush), P("＿＿＿＿＿＿＿＿", s.body_flush)])
    sig = app.signature
    when = t.cn_date(sig.signed_at) if sig and sig.signed_at else "　　　　年　　月　　日"
    rows.append([P("日期：", s.body_flush), P(when, s.body_flush)])
    if sig and sig.place:
        rows.append([P("地点：", s.body_flush), P(sig.place, s.body_flush)])
    table = Table(rows, colWidths=[60 * mm, FRAME_W - 60 * mm], hAlign="RIGHT")
    table.setStyle(TableStyle([BASE_FONT, ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return [table]


# --- confidential sheet (保密信息) --------------------------------------------------------------

def confidential(app, s: Styles, layout: Layout) -> list:
    a = app.applicant
    out = [Mark("confidential", layout.found), P("保密信息", s.title),
           P("仅供法院使用，不得向被申请人披露", s.urgent), Spacer(1, 12),
           P("依据《中华人民共和国反家庭暴力法》第五条关于保护当事人隐私的规定，申请人请求对其现住址予以保密。", s.body)]
    rows = [("申请人", a.name or ""), ("现住址", a.current_address or "")]
    if a.phone:
        rows.append(("联系电话", a.phone))
    table = Table([[P(k, s.table_head), P(v, s.body_flush)] for k, v in rows], colWidths=[30 * mm, FRAME_W - 30 * mm])
    table.setStyle(TableStyle([BASE_FONT, ("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    out += [table, PageBreak()]
    return out


# --- evidence list (证据清单) -------------------------------------------------------------------

def evidence_list(app, s: Styles, layout: Layout, exhibits: dict) -> list:
    out = [Mark("evidence_list", layout.found), P("证据清单", s.title)]
    head = ["序号", "证据名称", "证据来源", "证明对象", "页码", "原件/复印件"]
    widths = [11 * mm, 34 * mm, 32 * mm, 45 * mm, 14 * mm]
    widths.append(FRAME_W - sum(widths))
    rows = [[P(h, s.table_head) for h in head]]
    style = [BASE_FONT, ("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("BACKGROUND", (0, 0), (-1, 0), "#eeeeee")]
    for n, item in enumerate(app.evidence or [], 1):
        kind = t.EVIDENCE_KIND.get(_v(item.kind), "")
        rows.append([P(str(n), s.table), P(f"{item.title}（{kind}）", s.table), P(item.source or "", s.table),
                     P(item.proves or "", s.table), P(layout.page(f"exhibit{n}"), s.table),
                     P("原件" if item.original else "复印件", s.table)])
        files = item.files or []
        if files:
            lines = []
            for f in files:
                ex = exhibits.get(f.path)
                digest = ex.sha256 if ex else (f.sha256 or "")
                lines.append(Paragraph(f"{escape(f.path)}<br/>SHA-256: {escape(digest)}", s.mono))
            rows.append(["", lines, "", "", "", ""])
            style.append(("SPAN", (1, len(rows) - 1), (-1, len(rows) - 1)))
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    out += [table, Spacer(1, 16),
            P("提交人（签名）：＿＿＿＿＿＿＿＿　　日期：　　　　年　　月　　日", s.small), PageBreak()]
    return out


# --- exhibits --------------------------------------------------------------------------------

def _human_size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def _exhibit_header(s: Styles, n: int, item, file_no: int, file_count: int, extra: str = "") -> list:
    title = f"证据{n}　{item.title}"
    if file_count > 1:
        title += f"（文件 {file_no}/{file_count}）"
    if extra:
        title += f"　{extra}"
    kind = t.EVIDENCE_KIND.get(_v(item.kind), "")
    meta = f"{kind}；来源：{item.source or '未填写'}；{'原件' if item.original else '复印件'}"
    return [P(title, s.exhibit_head), P(meta, s.exhibit_note), Spacer(1, 4)]


def exhibits(app, s: Styles, layout: Layout, prepared: dict) -> list:
    out: list = []
    for n, item in enumerate(app.evidence or [], 1):
        files = item.files or []
        out.append(Mark(f"exhibit{n}", layout.found))
        if not files:
            out += _exhibit_header(s, n, item, 1, 1)
            out += [P("本项证据无电子文件，以纸质材料或当庭陈述提交。", s.body), PageBreak()]
            continue
        for j, f in enumerate(files, 1):
            ex: Exhibit = prepared[f.path]
            if ex.kind == "image" and ex.image:
                w_px, h_px = ex.image_px
                scale = min(PHOTO_BOX[0] / w_px, PHOTO_BOX[1] / h_px)
                out += _exhibit_header(s, n, item, j, len(files))
                out += [Photo(ex.image, w_px * scale, h_px * scale), PageBreak()]
            elif ex.kind == "pdf" and ex.pdf_pages:
                for k in range(ex.pdf_pages):
                    out += _exhibit_header(s, n, item, j, len(files), f"PDF 第 {k + 1}/{ex.pdf_pages} 页")
                    out += [Slot((f.path, k), layout.slots, FRAME_W, PHOTO_BOX[1]), PageBreak()]
            else:
                out += _exhibit_header(s, n, item, j, len(files))
                rows = [("文件名", ex.path), ("类型", ex.media_type), ("大小", f"{_human_size(ex.size)}（{ex.size} 字节）")]
                if ex.extra.get("duration"):
                    rows.append(("时长", ex.extra["duration"]))
                rows.append(("SHA-256", ex.sha256))
                table = Table([[P(k, s.table_head), P(v, s.mono if k == "SHA-256" else s.table)] for k, v in rows],
                              colWidths=[28 * mm, FRAME_W - 28 * mm])
                table.setStyle(TableStyle([BASE_FONT, ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                                           ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
                note = ex.note or "该文件无法打印，原始文件随电子材料一并提交，法院可凭上列 SHA-256 核对文件是否一致。"
                out += [table, Spacer(1, 10), P(note, s.body), PageBreak()]
    return out
