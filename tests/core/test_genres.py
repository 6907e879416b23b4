"""The kinds of document (tracker/core/genres.py): how each is recognised from its title and opening."""

from tests.core.helpers import dept
from tracker.core.extraction import extract_text


def test_a_department_report_quoting_the_work_report_is_not_one():
    x = extract_text(dept("嘉兴市经信局2021年总结和2022年思路", "全面落实市政府工作报告部署，完成了工作。",
                          "力争新增企业15家。"))
    assert (x.document.kind, x.document.review_year, x.document.plan_year) == ("summary_plan", 2021, 2022)
