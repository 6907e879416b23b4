"""Scorecard tables as files for meetings: xlsx (default) and CSV with a BOM so Excel shows Chinese.

Figures are numbers, not strings: target, target's upper bound, actual, score and confidence are
typed cells (units in their own columns), so a spreadsheet can sort, filter and sum them. The
xlsx has a frozen, filtered header, set column widths and a 汇总 sheet per issuer and year
computed from the same rows and the same rule as the scorecard (outcomes/judgment.py).
"""

from __future__ import annotations

import csv
import io
from urllib.parse import quote

from django.http import HttpResponse
from django.urls import reverse
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from outcomes.judgment import JUDGED
from outcomes.lights import LIGHT_ORDER, LIGHTS, warning
from outcomes.selectors import STATUS_LABELS, STATUS_ORDER, assessment_of
from tracker.core.statuses import Status
from tracker.formatting import zh_punct

# (header, width, number format or None)
COLUMNS = [
    ("发布单位", 18, None), ("年度", 7, "0"), ("章节", 8, None), ("条款", 60, None), ("指标", 22, None),
    ("类型", 8, None), ("约束力", 7, None), ("比较", 6, None), ("目标值", 10, "General"),
    ("目标上限", 10, "General"), ("目标单位", 9, None), ("实际值", 10, "General"), ("实际单位", 9, None),
    ("状态", 9, None), ("预警", 9, None), ("人工判定", 8, None), ("得分", 7, "0.00"), ("置信度", 7, "0.00"),
    ("责任单位", 18, None), ("截止日期", 11, "yyyy-mm-dd"), ("逾期", 6, None),
    ("计算过程", 40, None), ("证据原文", 60, None), ("链接", 30, None),
]
HEADER = [c[0] for c in COLUMNS]
STATUS_COL, LIGHT_COL, SCORE_COL = HEADER.index("状态"), HEADER.index("预警"), HEADER.index("得分")
SUMMARY_HEADER = ["发布单位", "年度", "承诺", *(STATUS_LABELS[s] for s in STATUS_ORDER),
                  "可判定(达成率与平均得分的分母)", "达成率", "平均得分",
                  *(f"{LIGHTS[c][0]}灯" for c in LIGHT_ORDER[:3])]
CELL_MAX = 32000  # Excel's limit is 32,767 characters a cell


def _evidence(a) -> str:
    if a is None:
        return ""
    seen, quotes = set(), []
    for q in a.evidence_quotes or ():
        text = (q.get("text") or "").strip()
        if text and text not in seen:
            seen.add(text)
            quotes.append(text)
    return "\n".join(quotes)[:CELL_MAX]


def rows(commitments, base_url: str = "") -> list[list]:
    """One row per commitment, from the effective judgment annotated by ``selectors.judged``."""
    out = []
    for c in commitments:
        a = assessment_of(c)
        status = getattr(c, "status", None) or (a.effective_status if a else Status.PENDING)
        w = warning(status, c.deadline, c.year)
        out.append([
            c.issuer.name, c.year, c.section_path, c.text[:CELL_MAX], c.indicator, c.get_measure_display(),
            c.strength, c.get_comparator_display() if c.comparator else "", c.target, c.target_high,
            c.unit, getattr(c, "actual", None), getattr(c, "actual_unit", None) or "",
            STATUS_LABELS.get(status, status), w.text, "是" if a is not None and a.override_status else "",
            getattr(c, "effective_score", None), None if a is None else round(a.confidence, 2),
            c.responsible_unit, w.due, "是" if w.overdue else "",
            "" if a is None else zh_punct(a.rationale)[:CELL_MAX], _evidence(a),
            base_url + reverse("commitment", args=[c.pk]),
        ])
    return out


def summary(table: list[list]) -> list[list]:
    """Per issuer and year: counts by status, the judged denominator, 达成率 and 平均得分."""
    groups: dict[tuple[str, int], dict] = {}
    labels = {v: k for k, v in STATUS_LABELS.items()}
    for r in table:
        g = groups.setdefault((r[0], r[1]), {"n": 0, "counts": {}, "scores": [], "lights": {}})
        status = labels.get(r[STATUS_COL], r[STATUS_COL])
        g["n"] += 1
        g["counts"][status] = g["counts"].get(status, 0) + 1
        light = r[LIGHT_COL][:1]  # 红灯·逾期 → 红
        g["lights"][light] = g["lights"].get(light, 0) + 1
        if status in JUDGED and r[SCORE_COL] is not None:
            g["scores"].append(r[SCORE_COL])
    out = []
    for (issuer, year), g in groups.items():
        judged = sum(g["counts"].get(s, 0) for s in JUDGED)
        rate = g["counts"].get(Status.MET, 0) / judged if judged else None
        mean = sum(g["scores"]) / len(g["scores"]) if g["scores"] else None
        out.append([issuer, year, g["n"], *(g["counts"].get(s, 0) for s in STATUS_ORDER), judged, rate,
                    None if mean is None else round(mean, 4), *(g["lights"].get(LIGHTS[c][0], 0)
                                                                for c in LIGHT_ORDER[:3])])
    return out


def _safe(cell):
    # cells that start with = + - @ would be formulas in Excel: keep them text
    if isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@"):
        return "'" + cell
    return cell


def _header(ws, header: list[str]) -> None:
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EEF2F7")
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    ws.freeze_panes = "A2"


def xlsx_response(commitments, filename: str, base_url: str = "") -> HttpResponse:
    table = rows(commitments, base_url)
    wb = Workbook()
    ws = wb.active
    ws.title = "承诺"
    _header(ws, HEADER)
    for row in table:
        ws.append([_safe(c) for c in row])
    for i, (_, width, fmt) in enumerate(COLUMNS, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = width
        if fmt:
            for cell in ws[letter][1:]:
                cell.number_format = fmt
    link_col = len(COLUMNS)
    for r in range(2, len(table) + 2):
        cell = ws.cell(row=r, column=link_col)
        cell.hyperlink, cell.style = cell.value, "Hyperlink"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(table) + 1}"

    sheet = wb.create_sheet("汇总")
    _header(sheet, SUMMARY_HEADER)
    for row in summary(table):
        sheet.append(row)
    for i, title in enumerate(SUMMARY_HEADER, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = max(8, min(30, 2 * len(title) + 2))
    rate_col = get_column_letter(SUMMARY_HEADER.index("达成率") + 1)
    mean_col = get_column_letter(SUMMARY_HEADER.index("平均得分") + 1)
    for cell in sheet[rate_col][1:]:
        cell.number_format = "0.0%"
    for cell in sheet[mean_col][1:]:
        cell.number_format = "0.00"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(SUMMARY_HEADER))}{sheet.max_row}"
    sheet.append([])
    sheet.append(["说明：达成率 = 达成 ÷ 可判定；平均得分为可判定承诺的得分均值；无证据、未到期、待评估不计入。"
                  "三色预警：红 = 未达成或逾期，黄 = 部分达成或临期（30天内到期），绿 = 达成。"
                  "按本次导出的承诺统计（导出时的筛选条件同样适用）。"])

    buf = io.BytesIO()
    wb.save(buf)
    response = HttpResponse(buf.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}.xlsx"
    return response


def csv_response(commitments, filename: str, base_url: str = "") -> HttpResponse:
    buf = io.StringIO()
    buf.write("\ufeff")
    writer = csv.writer(buf)
    writer.writerow(HEADER)
    for row in rows(commitments, base_url):
        writer.writerow(["" if c is None else _safe(c) for c in row])
    response = HttpResponse(buf.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}.csv"
    return response
