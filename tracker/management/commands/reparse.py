"""``manage.py reparse [--all | --issuer NAME | --document ID] [--if-outdated]``: queue re-parse jobs.

With a broker the jobs run on the workers and the command reports what it queued; without
one (embedded) they run here, one document after another, with a progress bar."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from tqdm import tqdm

from tracker.core import ENGINE_VERSION
from tracker.jobs import job_finish_if_done, job_start
from tracker.models import Document, ParseJob
from tracker.services import document_parse, documents_reparse


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
        if settings.CELERY_TASK_ALWAYS_EAGER:
            job = job_start(label="命令行重新解析", document_ids=list(docs.values_list("pk", flat=True)))
            for doc in tqdm(docs.select_related("issuer").order_by("pk"), total=job.total, unit="份", desc="解析"):
                document_parse(document=doc, job=job)
            job_finish_if_done(job_id=job.pk)
        else:
            with transaction.atomic():
                job = documents_reparse(documents=docs, label="命令行重新解析")
        job = ParseJob.objects.get(pk=job.pk)
        self.stdout.write(f"任务 #{job.pk}:共 {job.total} 份,已完成 {job.done},失败 {job.failed}")
