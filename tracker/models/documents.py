"""Issuers, their documents, the sections the engine finds, and parse jobs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from tracker.core import kinds, measures, roles

KINDS = kinds.CHOICES  # one table: tracker/core/kinds.py
ROLES = roles.CHOICES  # one table: tracker/core/roles.py


class Issuer(models.Model):
    class Level(models.TextChoices):
        NATIONAL = "national", "国家"
        PROVINCE = "province", "省"
        CITY = "city", "市"
        COUNTY = "county", "区县"
        DEPARTMENT = "department", "部门"

    name = models.CharField("名称", max_length=200, unique=True)
    aliases = models.JSONField("简称/别名", default=list, blank=True)
    level = models.CharField("层级", max_length=16, choices=Level.choices, default=Level.DEPARTMENT)
    parent = models.ForeignKey("self", verbose_name="上级", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="children")

    class Meta:
        verbose_name = verbose_name_plural = "发布单位"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Document(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "待解析"
        PARSING = "parsing", "解析中"
        PARSED = "parsed", "已解析"
        FAILED = "failed", "解析失败"

    issuer = models.ForeignKey(Issuer, verbose_name="发布单位", on_delete=models.PROTECT, related_name="documents")
    title = models.CharField("标题", max_length=300, blank=True)
    original = models.FileField("原始文件", upload_to="documents/%Y/%m/")
    original_name = models.CharField("文件名", max_length=255)
    sha256 = models.CharField("文件摘要(SHA-256)", max_length=64, db_index=True)
    format = models.CharField("格式", max_length=16, blank=True)
    plain_text = models.TextField("正文", blank=True)
    published = models.DateField("发布日期", null=True, blank=True)
    review_year = models.PositiveSmallIntegerField("总结年度", null=True, blank=True)
    plan_year = models.PositiveSmallIntegerField("计划年度", null=True, blank=True)
    kind = models.CharField("类型", max_length=20, choices=KINDS, default=kinds.Kind.OTHER.value)
    status = models.CharField("解析状态", max_length=10, choices=Status.choices, default=Status.PENDING,
                              db_index=True)
    error = models.TextField("错误", blank=True)
    parser_version = models.CharField("解析器版本", max_length=20, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now)
    parsed_at = models.DateTimeField("解析时间", null=True, blank=True)
    # the parse queue (tracker.parsing): when a parse was last sent to the broker (none: still to send,
    # e.g. the broker was down), when the last one started, and how many have started since it was queued
    queued_at = models.DateTimeField("排队时间", null=True, blank=True, editable=False)
    parse_started_at = models.DateTimeField("开始解析时间", null=True, blank=True, editable=False)
    parse_attempts = models.PositiveSmallIntegerField("解析尝试次数", default=0, editable=False)
    # the job a parse waiting for the broker belongs to, so the sweep sends it with its job
    parse_job = models.ForeignKey("ParseJob", verbose_name="解析任务", null=True, blank=True, editable=False,
                                  on_delete=models.SET_NULL, related_name="+")
    # what the engine could not do on this document, in Chinese (tracker.core: DocumentInfo.warnings)
    warnings = models.JSONField("解析提示", default=list, blank=True)
    # MinHash of its sentences (tracker.core.fingerprint): one report recognised across .txt/.docx/.pdf
    fingerprint = models.JSONField("文本指纹", default=list, blank=True, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "文档"
        ordering = ["-uploaded_at"]
        constraints = [models.UniqueConstraint(fields=["issuer", "sha256"], name="document_unique_bytes")]
        indexes = [models.Index(fields=["status", "queued_at"], name="document_queue")]

    def __str__(self) -> str:
        return self.title or self.original_name


class Section(models.Model):
    document = models.ForeignKey(Document, verbose_name="文档", on_delete=models.CASCADE, related_name="sections")
    path = models.CharField("路径", max_length=100)
    heading = models.CharField("标题", max_length=300, blank=True)
    role = models.CharField("角色", max_length=10, choices=ROLES)
    start = models.PositiveIntegerField("起点")
    end = models.PositiveIntegerField("终点")

    class Meta:
        verbose_name = verbose_name_plural = "章节"
        ordering = ["document", "start"]
        constraints = [models.UniqueConstraint(fields=["document", "path", "start"], name="section_natural_key")]

    def __str__(self) -> str:
        return f"{self.path} {self.heading}"


class ParseJob(models.Model):
    """A batch of (re)parses, so that the documents page can show progress."""

    label = models.CharField("任务", max_length=200)
    total = models.PositiveIntegerField("文档数", default=0)
    done = models.PositiveIntegerField("已完成", default=0)
    failed = models.PositiveIntegerField("失败", default=0)
    current = models.CharField("正在处理", max_length=300, blank=True)
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    # the issuers of the job's documents: a job is shown to those who may see all of them
    issuers = models.ManyToManyField(Issuer, verbose_name="发布单位", blank=True, related_name="parse_jobs")

    class Meta:
        verbose_name = verbose_name_plural = "解析任务"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.label or f"解析任务 #{self.pk}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else int(100 * (self.done + self.failed) / self.total)


MEASURES = measures.CHOICES  # one table: tracker/core/measures.py


class Clause(models.Model):
    """What commitments and outcomes share: a clause of a document, where it stands, what it
    counts. ``natural_key`` (clause offsets + figure) is stable across re-parses."""

    document = models.ForeignKey(Document, verbose_name="文档", on_delete=models.CASCADE, related_name="%(class)ss")
    issuer = models.ForeignKey(Issuer, verbose_name="发布单位", on_delete=models.CASCADE, related_name="%(class)ss")
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True, db_index=True)
    section = models.ForeignKey(Section, verbose_name="章节", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="%(class)ss")
    section_path = models.CharField("章节路径", max_length=100, blank=True)
    text = models.TextField("原文")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    natural_key = models.CharField(max_length=64)
    indicator = models.CharField("指标", max_length=300, blank=True)
    measure = models.CharField("类型", max_length=12, choices=MEASURES)

    class Meta:
        abstract = True
        ordering = ["document", "start", "natural_key"]

    def __str__(self) -> str:
        return self.text[:60]
