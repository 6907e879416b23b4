"""``manage.py extract PATH... --json``: the engine's findings as INTERFACE.md says; writes nothing."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict

from django.core.management.base import BaseCommand, CommandParser

from tracker.core.explain import untaken
from tracker.core.files import extract_path
from tracker.core.reading import UnreadableDocument
from tracker.core.serialize import extraction_dict
from tracker.engine import engine_limits


class Command(BaseCommand):
    help = "提取文档中的承诺与成效(JSON 输出,不写数据库)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+")
        parser.add_argument("--json", action="store_true", help="JSON output (the only format)")
        parser.add_argument("--explain", action="store_true",
                            help="每个文档再列出计划部分中含数字却未识别为目标的句子及其规则(JSON 字段 untaken)")

    def handle(self, *args, paths: list[str], explain: bool = False, **options) -> None:
        results, failed = [], False
        for path in paths:
            try:
                x = extract_path(path, engine_limits())
                d = extraction_dict(x, path)
                if explain:
                    d["untaken"] = [asdict(u) for u in untaken(x)]
                results.append(d)
            except UnreadableDocument as exc:
                failed = True
                sys.stderr.write(f"{path}: {exc}\n")
            except Exception as exc:  # never a traceback: one line, the other files still print
                failed = True
                sys.stderr.write(f"{path}: 解析出错({type(exc).__name__}),请报告给维护者\n")
        if results:
            out = results[0] if len(paths) == 1 else results
            self.stdout.write(json.dumps(out, ensure_ascii=False, indent=1))
        if failed:
            sys.exit(2)
