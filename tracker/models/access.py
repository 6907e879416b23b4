"""Who may see which issuers, and API tokens."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from .documents import Issuer


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

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE,
                             related_name="api_tokens")
    key_hash = models.CharField("令牌摘要(SHA-256)", max_length=64, unique=True)
    label = models.CharField("名称", max_length=100, blank=True)
    created_at = models.DateTimeField("创建时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "API 令牌"

    def __str__(self) -> str:
        return f"{self.label or 'API 令牌'}({self.user})"
