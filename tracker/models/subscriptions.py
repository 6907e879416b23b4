"""Scheduled scorecard emails and their sends."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from .documents import Issuer


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
    created_at = models.DateTimeField("创建时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "评估邮件订阅"
        constraints = [models.CheckConstraint(condition=~models.Q(user__isnull=True, email=""),
                                              name="subscription_has_recipient")]

    def __str__(self) -> str:
        return f"{self.address} · {self.get_frequency_display()}"

    @property
    def address(self) -> str:
        """A user's subscription goes to the account's own address, whatever ``email`` says; ``email``
        is for a recipient without an account (set by an administrator)."""
        return (self.user.email or "") if self.user_id else self.email


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
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "评估邮件发送记录"
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["subscription", "period"], name="one_send_per_period")]

    def __str__(self) -> str:
        return f"{self.subscription} · {self.period}"
