"""Scorecard tables as files for meetings: xlsx (default) and CSV with a BOM so Excel shows Chinese."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from outcomes.selectors import STATUS_LABELS, assessment_of

HEADER = ["条款", "章节", "指标", "类型", "约束力", "目标", "实际", "状态", "得分", "置信度", "计算过程"]


def rows(commitments) -> list[list]:
    out = []
    for c in commitments:
        a = assessment_of(c)
        score = None if a is None else (a.override_score if a.override_status else a.score)
        out.append([
            c.text, c.section_path, c.indicator, c.get_measure_display(), c.strength, c.target_display,
            "" if a is None or a.actual is None else f"{a.actual:g} {a.actual_unit}".strip(),
            STATUS_LABELS.get(c.status, c.status), "" if score is None else round(score, 3),
            "" if a is None else round(a.confidence, 2), "" if a is None else a.rationale,
        ])
    return out


def _safe(cell):
    # cells that start with = + - @ would be formulas in Excel: keep them text
    if isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@"):
        return "'" + cell
    return cell


def xlsx_response(commitments, filename: str) -> HttpResponse:
    wb = Workbook()
    ws = wb.active
    ws.title = "承诺"
    ws.append(HEADER)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows(commitments):
        ws.append([_safe(c) for c in row])
    ws.column_dimensions["A"].width = 60
    buf = io.BytesIO()
    wb.save(buf)
    response = HttpResponse(buf.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}.xlsx"
    return response


def csv_response(commitments, filename: str) -> HttpResponse:
    buf = io.StringIO()
    buf.write("\ufeff")
    writer = csv.writer(buf)
    writer.writerow(HEADER)
    for row in rows(commitments):
        writer.writerow([_safe(c) for c in row])
    response = HttpResponse(buf.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}.csv"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)
