"""Editors' corrections of engine output."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from .documents import Document


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
        DOCUMENT_EDIT = "document_edit", "修改文档信息"
        SECTION_ROLE = "section_role", "修改章节角色"

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
