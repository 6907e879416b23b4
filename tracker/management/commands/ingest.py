"""``manage.py ingest PATH... [--issuer NAME]``: upload documents from the command line."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from tracker.services import IngestError, SameDocument, document_ingest, document_replace, issuer_resolve


class Command(BaseCommand):
    help = "上传文档并解析(同一单位重复上传同一文件不会重复入库)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+")
        parser.add_argument("--issuer", help="发布单位名称(不填则从文件中识别)")
        same = parser.add_mutually_exclusive_group()
        same.add_argument("--replace-same", action="store_true",
                          help="与已上传文档内容相同的文件:替换原文档的文件(保留人工修正)并重新解析")
        same.add_argument("--keep-both", action="store_true", help="与已上传文档内容相同的文件:仍另存为新文档")

    def handle(self, *args, paths: list[str], issuer: str | None = None, replace_same: bool = False,
               keep_both: bool = False, **options) -> None:
        target = issuer_resolve(name=issuer) if issuer else None
        failures = 0
        for path in tqdm(paths, disable=len(paths) < 3, unit="份", desc="上传"):
            p = Path(path)
            try:
                data = p.read_bytes()
                result = document_ingest(data=data, filename=p.name, issuer=target, same_text=keep_both)
            except SameDocument as exc:
                if not replace_same:  # another file of a stored report: not doubled
                    self.stdout.write(f"{exc}未入库(替换原文档用 --replace-same,另存用 --keep-both)")
                    continue
                try:
                    doc = document_replace(document=exc.existing, data=data, filename=p.name)
                except IngestError as err:
                    failures += 1
                    self.stderr.write(str(err))
                    continue
                self.stdout.write(f"已替换 #{doc.pk} {doc.issuer} · {doc} 的文件,将重新解析")
                continue
            except (IngestError, OSError) as exc:
                failures += 1
                self.stderr.write(str(exc))
                continue
            doc = result.document
            doc.refresh_from_db()
            state = "新增" if result.created else "已存在"
            self.stdout.write(f"{state} #{doc.pk} {doc.issuer} · {doc} · {doc.get_status_display()}"
                              + (f" · {doc.error}" if doc.error else ""))
        if failures:
            raise CommandError(f"{failures} 个文件未能上传")
