"""The JSON contract of ``manage.py extract`` (../shared/INTERFACE.md) on a document written here."""

import json

import pytest
from django.core.management import call_command

PLAN = """2025年某省政府工作报告
现在，我代表省人民政府向大会报告工作。
一、2024年工作回顾
过去一年，我们取得了新成效，同比提高，获评先进。
二、2025年重点工作
今年要着力扩大内需，力争新增规上工业企业150家，推进总投资89亿元的智能制造项目。要推动、要加快、要深化、要强化、要着力、要抓好、要坚持，确保落实，力争突破，今年将全面推进。
"""


def test_extract_json_and_explain(tmp_path, capsys):
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    call_command("extract", str(path), "--json", "--explain")
    d = json.loads(capsys.readouterr().out)
    doc = d["document"]
    fields = (doc["issuer"], doc["review_year"], doc["plan_year"], doc["kind"])
    assert fields == ("某省人民政府", 2024, 2025, "work_report")
    assert doc["warnings"] == []
    c = next(c for c in d["commitments"] if c["target"] == 150)
    assert PLAN[c["start"]:c["end"]] == c["text"]
    assert (c["unit"], c["year"], c["strength"]) == ("家", 2025, "力争")
    assert [(u["figure"], u["rule"]) for u in d["untaken"]] == [("89亿元", "describes_noun")]


def test_extract_unreadable_file_exits_2_with_a_chinese_line(tmp_path, capsys):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(SystemExit) as exc:
        call_command("extract", str(path), "--json")
    assert exc.value.code == 2
    assert "文件为空" in capsys.readouterr().err
