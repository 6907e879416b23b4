"""The admin's form for a correction that has no object page of its own: a commitment the engine
missed (补充承诺), a section's role, the document's own fields. Nothing is typed as a raw key:

- once a document is chosen, its text is shown and the clause is picked by selecting it with the
  mouse (``static/tracker/select_clause.js`` fills the clause and its offsets; without script the
  clause can be pasted and is found in the text);
- the object to correct is chosen from the document's commitments, outcomes and sections, listed
  by their wording;
- a commitment's figure, unit, year and measure are fields of their own; the JSON of ``changes``
  is only for what those fields do not cover.
"""

from __future__ import annotations

from django import forms
from django.utils.html import format_html

from outcomes.models import Outcome
from targets.corrections import CorrectionError, changes_clean
from targets.models import Commitment
from tracker.models import Correction, Document
from tracker.models.corrections import DOCUMENT_KEY, manual_key, section_key
from tracker.models.documents import ROLES

# the commitment fields an added or edited commitment most often needs, as form fields of their own
SHOWN_FIELDS = ("indicator", "measure", "target", "unit", "comparator", "polarity", "year", "deadline",
                "responsible_unit")
# the document text shown for selecting a clause; a longer text is cut and its clauses are pasted
SHOWN_TEXT_MAX = 300_000
LABEL_MAX = 40


def _cut(text: str, n: int = LABEL_MAX) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n] + "…"


def target_choices(document: Document) -> list:
    """The document's correctable objects by their wording, grouped (commitments, outcomes,
    sections); each choice's value is the object's natural key."""
    commitments = [(c.natural_key, f"{_cut(c.text)}（目标 {c.target_display}）")
                   for c in Commitment.objects.filter(document=document).order_by("start", "natural_key")]
    outcomes = [(o.natural_key, _cut(o.text))
                for o in Outcome.objects.filter(document=document).order_by("start", "natural_key")]
    sections = [(section_key(s.path, s.start), f"{s.path} {_cut(s.heading)}（{s.get_role_display()}）")
                for s in document.sections.order_by("start")]
    groups = [("承诺", commitments), ("成效", outcomes), ("章节", sections)]
    return [("", "—（补充承诺、修改文档信息时不选）"), *((label, rows) for label, rows in groups if rows)]


class ClauseSelect(forms.Textarea):
    """The clause's text area with the document's text beside it, to select the clause in."""

    def __init__(self, text: str = "", attrs=None):
        super().__init__({"rows": 2, **(attrs or {})})
        self.text = text

    def render(self, name, value, attrs=None, renderer=None):
        area = super().render(name, value, attrs, renderer)
        if not self.text:
            return area
        shown, cut = self.text[:SHOWN_TEXT_MAX], len(self.text) > SHOWN_TEXT_MAX
        note = f"正文较长，这里只显示前 {SHOWN_TEXT_MAX:,} 字；之后的条款请粘贴到上面。" if cut else ""
        return format_html(
            '{}<p class="help">在下面的正文中用鼠标选中漏识别的条款，条款和起止位置会自动填好。{}</p>'
            '<p class="clause-picked" aria-live="polite"></p>'
            '<pre class="clause-source" tabindex="0" style="white-space:pre-wrap;max-height:24em;overflow:auto;'
            'border:1px solid #ccc;padding:.5em;font:inherit">{}</pre>', area, note, shown)


def _commitment_field(name: str) -> forms.Field:
    """A commitment's model field as an optional form field, labelled as the commitment's."""
    field = Commitment._meta.get_field(name).formfield(required=False)
    field.label = f"承诺{field.label}"
    if isinstance(field, forms.ChoiceField):  # no “---------” for “not changed”
        field.choices = [("", "—（不改）"), *(c for c in field.choices if c[0] != "")]
    return field


class CorrectionAddForm(forms.ModelForm):
    clause = forms.CharField(label="条款原文(补充承诺时选择或粘贴)", required=False, strip=False,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text="先选择文档，正文会显示在这里，用鼠标选中条款即可")
    start = forms.IntegerField(label="条款起点", required=False, min_value=0)
    end = forms.IntegerField(label="条款终点", required=False, min_value=1)
    role = forms.ChoiceField(label="章节角色(修改章节角色时选择)", required=False, choices=[("", "—"), *ROLES],
                             help_text="从文档页面的“章节”表点“修改角色”进入，章节已选好")

    class Meta:
        model = Correction
        fields = ("document", "kind", "clause", "start", "end", "target_key", "role", "changes", "reason")

    class Media:
        js = ("tracker/select_clause.js",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in SHOWN_FIELDS:
            self.fields[name] = _commitment_field(name)
        self.order_fields(("document", "kind", "clause", "start", "end", "target_key", *SHOWN_FIELDS))
        self.fields["changes"].required = False
        self.fields["changes"].label = "其他修改(JSON，可不填)"
        self.fields["changes"].help_text = ("上面的字段没有覆盖的修改，按字段名填写，"
                                             "例如区间目标的上限 {\"target_high\": 12}")
        document = self._document()
        self.fields["target_key"] = forms.ChoiceField(
            label="修正对象", required=False, choices=target_choices(document) if document else [("", "—")],
            help_text="按原文选择要修正的承诺、成效或章节" if document else "先选择文档，再选择其中的承诺、成效或章节")
        if document is not None:
            self.fields["clause"].widget = ClauseSelect(document.plain_text)

    def _document(self) -> Document | None:
        """The chosen document (posted, or given in the address), if the user may write it."""
        pk = self.data.get("document") if self.is_bound else self.initial.get("document")
        if isinstance(pk, Document):
            pk = pk.pk
        if not str(pk or "").isdigit():
            return None
        return self.fields["document"].queryset.filter(pk=pk).first()

    def clean(self):
        data = super().clean()
        kind, changes = data.get("kind"), data.get("changes") or {}
        if isinstance(changes, dict):  # anything else is refused by changes_clean below
            if kind == Correction.Kind.SECTION_ROLE and data.get("role"):
                changes = {**changes, "role": data["role"]}
            if kind in (Correction.Kind.ADD_COMMITMENT, Correction.Kind.COMMITMENT_EDIT):
                changes = {**changes, **{f: data[f] for f in SHOWN_FIELDS if data.get(f) not in (None, "")}}
            data["changes"] = changes
        if kind == Correction.Kind.DOCUMENT_EDIT:
            data["target_key"] = DOCUMENT_KEY
        if kind:
            try:
                data["changes"] = changes_clean(kind=kind, changes=data.get("changes"))
            except CorrectionError as exc:
                self.add_error("changes", str(exc))
        if kind != Correction.Kind.ADD_COMMITMENT:
            if not data.get("target_key"):
                raise forms.ValidationError("请选择要修正的对象(承诺、成效或章节)。")
            return data
        return self._clean_clause(data)

    def _clean_clause(self, data: dict) -> dict:
        """An added commitment's clause: the selected offsets (checked against the text), else the
        pasted text found once in the document; surrounding white space is left out."""
        doc, clause = data.get("document"), data.get("clause") or ""
        start, end = data.get("start"), data.get("end")
        if doc is None:
            return data
        text = doc.plain_text
        if start is not None and end:
            if not start < end <= len(text):
                raise forms.ValidationError("所选位置超出了文档正文。")
            if clause.strip() and text[start:end].strip() != clause.strip():
                raise forms.ValidationError("条款原文与所选位置的文字不一致，请重新选择。")
        elif clause.strip():
            at = text.find(clause.strip())
            if at == -1:
                raise forms.ValidationError("在文档正文中找不到这段条款，请直接从正文复制或用鼠标选择。")
            if text.find(clause.strip(), at + 1) != -1:
                raise forms.ValidationError("这段条款在正文中出现了多次，请在正文中用鼠标选择，或多复制一些上下文。")
            start, end = at, at + len(clause.strip())
        else:
            raise forms.ValidationError("补充承诺需要在正文中选择条款（或粘贴条款原文）。")
        picked = text[start:end]
        start += len(picked) - len(picked.lstrip())
        end -= len(picked) - len(picked.rstrip())
        if start >= end:
            raise forms.ValidationError("所选条款是空白，请重新选择。")
        data["start"], data["end"] = start, end
        data["target_key"] = manual_key(start, end)
        return data


__all__ = ["CorrectionAddForm", "target_choices"]
