"""``manage.py load_seeds``: ingest, parse and assess everything in ``seeds/``; running it twice changes nothing."""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "载入 seeds/ 中的示例文档"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--folder", default=str(settings.BASE_DIR / "seeds"))

    def handle(self, *args, folder: str, **options) -> None:
        from pathlib import Path

        kinds = (".txt", ".docx", ".pdf", ".html", ".htm")
        # the samples, the national pair and seeds/provinces/ (fifteen provinces' 2025 plans and 2026 reviews)
        paths = sorted(str(p) for p in Path(folder).rglob("*") if p.is_file() and p.suffix.lower() in kinds)
        call_command("ingest", *paths, stdout=self.stdout, stderr=self.stderr)
