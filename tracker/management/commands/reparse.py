"""``manage.py reparse [--all | --issuer NAME | --document ID] [--if-outdated]``: queue re-parse jobs."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tracker.core import ENGINE_VERSION
from tracker.models import Document, ParseJob
from tracker.services import documents_reparse


class Command(BaseCommand):
    help = "重新解析文档(每份文档一个后台任务)"

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--all", action="store_true")
        group.add_argument("--issuer")
        group.add_argument("--document", type=int)
        parser.add_argument("--if-outdated", action="store_true", help="只处理旧版本引擎解析的文档")

    def handle(self, *args, **options) -> None:
        docs = Document.objects.all()
        if options["issuer"]:
            docs = docs.filter(issuer__name=options["issuer"])
        elif options["document"]:
            docs = docs.filter(pk=options["document"])
        if options["if_outdated"]:
            docs = docs.exclude(parser_version=ENGINE_VERSION)
        if not docs.exists():
            if options["document"] or options["issuer"]:
                raise CommandError("没有符合条件的文档")
            self.stdout.write("没有需要重新解析的文档")
            return
        job = documents_reparse(documents=docs, label="命令行重新解析")
        job = ParseJob.objects.get(pk=job.pk)
        self.stdout.write(f"已排队 {job.total} 份文档(任务 #{job.pk});已完成 {job.done},失败 {job.failed}")
