"""``manage.py assess --plan P --review R --json``: judgments as INTERFACE.md says; writes nothing."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandParser

from tracker.core.assessment import assess, summary
from tracker.core.files import extract_path
from tracker.core.reading import UnreadableDocument
from tracker.core.serialize import judgment_dict
from tracker.engine import engine_limits, thresholds


class Command(BaseCommand):
    help = "用总结文档评估思路文档中的承诺(JSON 输出,不写数据库)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", required=True)
        parser.add_argument("--review", required=True)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, plan: str, review: str, **options) -> None:
        docs = []
        for path in (plan, review):
            try:
                docs.append(extract_path(path, engine_limits()))
            except UnreadableDocument as exc:
                sys.stderr.write(f"{path}: {exc}\n")
                sys.exit(2)
        judgments = assess(docs[0], docs[1], thresholds())
        out = {
            "plan": plan,
            "review": review,
            "year": docs[0].document.plan_year or docs[1].document.review_year,
            "assessments": [judgment_dict(j) for j in judgments],
            "summary": summary(judgments),
        }
        self.stdout.write(json.dumps(out, ensure_ascii=False, indent=1))
