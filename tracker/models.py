"""Issuers and their documents, and the sections the engine finds in them."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

KINDS = [
    ("summary_plan", "总结及思路"),
    ("summary", "总结"),
    ("plan", "思路/计划"),
    ("work_report", "政府工作报告"),
    ("proposal_reply", "提案/建议答复"),
    ("other", "其他"),
]
ROLES = [("review", "回顾"), ("plan", "计划"), ("problems", "问题"), ("other", "其他")]


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
    sha256 = models.CharField(max_length=64, db_index=True)
    format = models.CharField("格式", max_length=16, blank=True)
    plain_text = models.TextField("正文", blank=True)
    published = models.DateField("发布日期", null=True, blank=True)
    review_year = models.PositiveSmallIntegerField("总结年度", null=True, blank=True)
    plan_year = models.PositiveSmallIntegerField("计划年度", null=True, blank=True)
    kind = models.CharField("类型", max_length=20, choices=KINDS, default="other")
    status = models.CharField("解析状态", max_length=10, choices=Status.choices, default=Status.PENDING,
                              db_index=True)
    error = models.TextField("错误", blank=True)
    parser_version = models.CharField("解析器版本", max_length=20, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now)
    parsed_at = models.DateTimeField("解析时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "文档"
        ordering = ["-uploaded_at"]
        constraints = [models.UniqueConstraint(fields=["issuer", "sha256"], name="document_unique_bytes")]

    def __str__(self) -> str:
        return self.title or self.original_name


class Section(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="sections")
    path = models.CharField("路径", max_length=100)
    heading = models.CharField("标题", max_length=300, blank=True)
    role = models.CharField("角色", max_length=10, choices=ROLES)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()

    class Meta:
        verbose_name = verbose_name_plural = "章节"
        ordering = ["document", "start"]
        constraints = [models.UniqueConstraint(fields=["document", "path", "start"], name="section_natural_key")]

    def __str__(self) -> str:
        return f"{self.path} {self.heading}"


class ParseJob(models.Model):
    """A batch of (re)parses, so that the documents page can show progress."""

    label = models.CharField(max_length=200)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    current = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "解析任务"
        ordering = ["-created_at"]

    @property
    def percent(self) -> int:
        return 100 if not self.total else int(100 * (self.done + self.failed) / self.total)


class Correction(models.Model):
    """An editor's fix of what the engine found, kept as its own row and re-applied
    after every parse and assessment. It points at the stable natural key of what it
    corrects; when that can no longer be found it is kept and flagged as orphaned."""

    class Kind(models.TextChoices):
        COMMITMENT_EDIT = "commitment_edit", "修改承诺"
        NOT_A_COMMITMENT = "not_commitment", "标记为非承诺"
        ADD_COMMITMENT = "add_commitment", "补充承诺"
        OUTCOME_EDIT = "outcome_edit", "修改成效"
        LINK_EVIDENCE = "link_evidence", "关联证据"
        UNLINK_EVIDENCE = "unlink_evidence", "取消关联证据"
        OVERRIDE = "override", "人工判定状态/得分"

    document = models.ForeignKey(Document, verbose_name="文档", on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    target_key = models.CharField("对象标识", max_length=64, help_text="承诺或成效的自然键(起点:终点:数值)")
    changes = models.JSONField("修改内容", default=dict, blank=True)
    evidence_document = models.ForeignKey(Document, verbose_name="证据文档", null=True, blank=True,
                                          on_delete=models.CASCADE, related_name="+")
    evidence_key = models.CharField("证据标识", max_length=64, blank=True)
    reason = models.TextField("原因")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="修改人", null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("修改时间", default=timezone.now)
    orphaned = models.BooleanField("已失效(原文已找不到)", default=False, db_index=True)
    active = models.BooleanField("生效", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "人工修正"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.target_key}"


class Grant(models.Model):
    """A user may see an issuer and its sub-issuers."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE,
                             related_name="grants")
    issuer = models.ForeignKey(Issuer, verbose_name="发布单位", on_delete=models.CASCADE, related_name="grants")

    class Meta:
        verbose_name = verbose_name_plural = "查看授权"
        constraints = [models.UniqueConstraint(fields=["user", "issuer"], name="grant_unique")]

    def __str__(self) -> str:
        return f"{self.user} → {self.issuer}"


class ApiToken(models.Model):
    """A read-only API token; only its SHA-256 is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    label = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "API 令牌"


class Subscription(models.Model):
    """A recipient's scheduled scorecard email: weekly on a weekday or monthly on a day, at an hour
    (Asia/Shanghai). ``next_send_at`` is claimed with a conditional update so a send happens once."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", "每周"
        MONTHLY = "monthly", "每月"

    WEEKDAYS = [(0, "星期一"), (1, "星期二"), (2, "星期三"), (3, "星期四"), (4, "星期五"), (5, "星期六"), (6, "星期日")]

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="用户", null=True, blank=True,
                             on_delete=models.CASCADE, related_name="subscriptions")
    email = models.EmailField("收件地址", blank=True, help_text="不填则使用用户的邮箱")
    issuers = models.ManyToManyField(Issuer, verbose_name="发布单位", blank=True,
                                     help_text="不选则为该用户可查看的全部单位")
    frequency = models.CharField("频率", max_length=8, choices=Frequency.choices, default=Frequency.WEEKLY)
    weekday = models.PositiveSmallIntegerField("星期", choices=WEEKDAYS, default=0)
    day_of_month = models.PositiveSmallIntegerField("每月几号", default=1,
                                                    validators=[MinValueValidator(1), MaxValueValidator(28)])
    hour = models.PositiveSmallIntegerField("发送时刻(时)", default=8, validators=[MaxValueValidator(23)])
    active = models.BooleanField("启用", default=True)
    next_send_at = models.DateTimeField("下次发送", null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "评估邮件订阅"
        constraints = [models.CheckConstraint(condition=~models.Q(user__isnull=True, email=""),
                                              name="subscription_has_recipient")]

    def __str__(self) -> str:
        return f"{self.address} · {self.get_frequency_display()}"

    @property
    def address(self) -> str:
        return self.email or (self.user.email if self.user_id else "")


class ScorecardSend(models.Model):
    """One email of one subscription for one period; (subscription, period) is unique."""

    class Status(models.TextChoices):
        PENDING = "pending", "待发送"
        SENT = "sent", "已发送"
        FAILED = "failed", "发送失败"

    subscription = models.ForeignKey(Subscription, verbose_name="订阅", on_delete=models.CASCADE,
                                     related_name="sends")
    period = models.CharField("周期", max_length=16)
    status = models.CharField("状态", max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    error = models.TextField("错误", blank=True)
    summary = models.JSONField("发送时的统计", default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "评估邮件发送记录"
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["subscription", "period"], name="one_send_per_period")]
