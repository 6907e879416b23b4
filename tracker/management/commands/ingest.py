"""``manage.py ingest PATH... [--issuer NAME]``: upload documents from the command line."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from tracker.services import IngestError, document_ingest, issuer_resolve


class Command(BaseCommand):
    help = "上传文档并解析(同一单位重复上传同一文件不会重复入库)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+")
        parser.add_argument("--issuer", help="发布单位名称(不填则从文件中识别)")

    def handle(self, *args, paths: list[str], issuer: str | None = None, **options) -> None:
        target = issuer_resolve(name=issuer) if issuer else None
        failures = 0
        for path in tqdm(paths, disable=len(paths) < 3, unit="份", desc="上传"):
            p = Path(path)
            try:
                result = document_ingest(data=p.read_bytes(), filename=p.name, issuer=target)
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
