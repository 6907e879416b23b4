"""Editors' corrections of engine output."""

from __future__ import annotations

import re

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

    def orphaned_set(self, orphaned: bool) -> None:
        """Flag (or clear) that what this correction points at can no longer be found."""
        if self.orphaned != orphaned:
            self.orphaned = orphaned
            self.save(update_fields=["orphaned"])

    def sign(self, row) -> None:
        """The history row of a change this correction makes carries its reason and its author."""
        row._change_reason = self.reason[:100]
        if self.created_by_id:
            row._history_user = self.created_by


# what a correction of each kind may change, and the kinds applied by a parse, an assessment or as
# the engine's input
COMMITMENT_FIELDS = ("target", "target_high", "unit", "comparator", "year", "indicator", "polarity", "measure",
                     "deadline", "strength", "responsible_unit")
OUTCOME_FIELDS = ("value", "unit", "year", "indicator", "measure", "cumulative")
PARSE_KINDS = (Correction.Kind.COMMITMENT_EDIT, Correction.Kind.NOT_A_COMMITMENT, Correction.Kind.ADD_COMMITMENT,
               Correction.Kind.OUTCOME_EDIT)
ASSESSMENT_KINDS = (Correction.Kind.LINK_EVIDENCE, Correction.Kind.UNLINK_EVIDENCE, Correction.Kind.OVERRIDE)
# a person's decisions about the document itself: given to the engine as inputs on every parse (``decided``)
DOCUMENT_KINDS = (Correction.Kind.DOCUMENT_EDIT, Correction.Kind.SECTION_ROLE)
DOCUMENT_FIELDS = ("issuer", "review_year", "plan_year", "kind")
DOCUMENT_KEY = "document"
SECTION_PREFIX = "section:"


def section_key(path: str, start: int) -> str:
    """The target of a section-role correction: the section's natural key (path, start)."""
    return f"{SECTION_PREFIX}{path}@{start}"


def section_of(target_key: str) -> tuple[str, int] | None:
    if not (target_key or "").startswith(SECTION_PREFIX) or "@" not in target_key:
        return None
    path, _, start = target_key[len(SECTION_PREFIX):].rpartition("@")
    return (path, int(start)) if start.isdigit() else None


SPAN_KEY = re.compile(r"(?P<prefix>manual:)?(?P<start>\d+):(?P<end>\d+)(?P<rest>(:[^:]*)?)")


def manual_key(start: int, end: int) -> str:
    """The natural key of a commitment added by hand on the clause ``text[start:end]``."""
    return f"manual:{start}:{end}"
