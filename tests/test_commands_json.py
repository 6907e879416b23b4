"""The JSON contract of ``manage.py extract`` and ``manage.py assess`` (../shared/INTERFACE.md): fields on a
document written here, and the output of both commands validated against its JSON Schema
(tests/schemas/interface.schema.json) with ``jsonschema``, on documents written here and on a seed pair."""

import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

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


# --- the JSON Schema of INTERFACE.md (tests/schemas/interface.schema.json) ------------------------------

SCHEMA = json.loads((Path(__file__).resolve().parent / "schemas" / "interface.schema.json").read_text(encoding="utf-8"))
REGISTRY = Registry().with_resource(SCHEMA["$id"], Resource.from_contents(SCHEMA))
SEEDS = Path(__file__).resolve().parent.parent / "seeds"

DEPT_PLAN = """某区经信局2024年工作总结及2025年工作思路
发布日期：2025-02-10
一、2024年工作总结
全年新增规上工业企业52家，完成工业投资41.5亿元，增长6.2%。
二、2025年工作思路
（一）培育企业梯队。力争新增规上工业企业60家以上，确保工业投资增长7%左右，研发投入增长8%-10%。
（二）优化营商环境。企业开办时间压缩至1个工作日以内。力争6月底前完成企业服务平台上线。
（三）推进数字化改造。一是推进智能工厂建设。二是到2027年，数字经济核心产业增加值占GDP比重达到15%。
"""
DEPT_REVIEW = """某区经信局2025年工作总结及2026年工作思路
发布日期：2026-02-12
一、2025年工作总结
全年新增规上工业企业63家，工业投资增长7.4%，研发投入增长9.1%，企业开办时间压缩至0.5个工作日。
二、2026年工作思路
力争新增规上工业企业70家。
"""


def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator({"$ref": f"{SCHEMA['$id']}#/$defs/{name}"}, registry=REGISTRY)


def problems(name: str, doc) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(name).iter_errors(doc)]


# Where the engine's output disagrees with INTERFACE.md (reported to the lead; the schema
# follows the contract): a figure of a five-year summary has no single year (outcome "year": null), and a
# review sentence quoted for a milestone or qualitative judgment has no figure (evidence "value": null; the
# plan above shows it: its 6月底前 milestone has no_evidence with the nearest sentence quoted).
KNOWN_DISAGREEMENTS = (
    re.compile(r"^outcomes/\d+/year: None is not of type 'integer'$"),
    re.compile(r"^assessments/\d+/evidence/\d+/value: None is not of type 'number'$"),
)


def unexpected(name: str, doc) -> list[str]:
    return [p for p in problems(name, doc) if not any(k.match(p) for k in KNOWN_DISAGREEMENTS)]


def run(capsys, *args) -> dict | list:
    call_command(*args, "--json")
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def written(tmp_path):
    plan, review = tmp_path / "plan.txt", tmp_path / "review.txt"
    plan.write_text(DEPT_PLAN, encoding="utf-8")
    review.write_text(DEPT_REVIEW, encoding="utf-8")
    return plan, review


def test_the_schema_is_a_valid_json_schema():
    Draft202012Validator.check_schema(SCHEMA)


def test_extract_output_follows_the_schema(written, capsys):
    plan, review = written
    one = run(capsys, "extract", str(plan))
    assert problems("extract", one) == []
    both = run(capsys, "extract", str(plan), str(review))
    assert isinstance(both, list) and len(both) == 2
    assert problems("extract", both) == []
    # the plan reaches every branch of the commitment's schema
    measures = {c["measure"] for c in one["commitments"]}
    assert {"count", "growth", "duration", "share", "milestone", "qualitative"} <= measures
    assert {c["comparator"] for c in one["commitments"]} >= {">=", "~", "range", "<="}


def test_assess_output_follows_the_schema(written, capsys):
    plan, review = written
    d = run(capsys, "assess", "--plan", str(plan), "--review", str(review))
    assert unexpected("assess", d) == []
    assert {a["status"] for a in d["assessments"]} >= {"met", "no_evidence", "not_due"}


def test_a_seed_pair_follows_the_schema_but_for_the_known_disagreements(capsys):
    plan, review = SEEDS / "national-2018-gwr.txt", SEEDS / "national-2019-gwr.txt"
    for path in (plan, review):
        assert unexpected("extraction", run(capsys, "extract", str(path))) == []
    assert unexpected("assess", run(capsys, "assess", "--plan", str(plan), "--review", str(review))) == []


def _drop(doc, *path):
    *parents, key = path
    for p in parents:
        doc = doc[p]
    del doc[key]


def _set(doc, value, *path):
    *parents, key = path
    for p in parents:
        doc = doc[p]
    doc[key] = value


@pytest.mark.parametrize("change,error", [
    (lambda d: _drop(d, "document"), "'document' is a required property"),
    (lambda d: _drop(d, "document", "kind"), "'kind' is a required property"),
    (lambda d: _drop(d, "commitments", 0, "year"), "'year' is a required property"),
    (lambda d: _drop(d, "outcomes", 0, "unit"), "'unit' is a required property"),
    (lambda d: _set(d, "percent", "commitments", 0, "measure"), "'percent' is not one of"),
    (lambda d: _set(d, "summary-plan", "document", "kind"), "'summary-plan' is not one of"),
    (lambda d: _set(d, None, "commitments", 0, "target"), "None is not of type 'number'"),
    (lambda d: _set(d, "15", "commitments", 0, "target"), "'15' is not of type"),
    (lambda d: _set(d, "大概", "commitments", 0, "strength"), "'大概' is not one of"),
])
def test_the_schema_rejects_a_broken_extract_output(written, capsys, change, error):
    d = run(capsys, "extract", str(written[0]))
    assert d["commitments"][0]["measure"] == "count" and d["commitments"][0]["target"] == 60
    change(d)
    found = problems("extraction", d)
    assert any(error in p for p in found), found


@pytest.mark.parametrize("change,error", [
    (lambda d: _drop(d, "summary"), "'summary' is a required property"),
    (lambda d: _drop(d, "summary", "mean_score"), "'mean_score' is a required property"),
    (lambda d: _drop(d, "assessments", 0, "status"), "'status' is a required property"),
    (lambda d: _drop(d, "assessments", 0, "evidence", 0, "start"), "'start' is a required property"),
    (lambda d: _set(d, "done", "assessments", 0, "status"), "'done' is not one of"),
    (lambda d: _set(d, 1.5, "assessments", 0, "score"), "1.5 is not valid under any of the given schemas"),
    (lambda d: _set(d, None, "assessments", 0, "score"), "None is not"),  # met: a score in [0, 1]
    (lambda d: _set(d, -0.1, "assessments", 0, "confidence"), "-0.1 is less than the minimum of 0"),
])
def test_the_schema_rejects_a_broken_assess_output(written, capsys, change, error):
    d = run(capsys, "assess", "--plan", str(written[0]), "--review", str(written[1]))
    assert d["assessments"][0]["status"] == "met" and d["assessments"][0]["evidence"]
    change(d)
    found = problems("assess", d)
    assert any(error in p for p in found), found
