from __future__ import annotations

from django import forms

from tracker.models import Issuer
from tracker.services import IngestError, upload_size_check


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        files = data if isinstance(data, (list, tuple)) else [data]
        return [single(f, initial) for f in files if f] or single(None, initial)


class UploadForm(forms.Form):
    files = MultipleFileField(label="文件", help_text="TXT、DOCX、PDF 或 HTML,可多选")
    issuer = forms.ModelChoiceField(label="发布单位", queryset=Issuer.objects.none(), required=False,
                                    empty_label="从文件中识别")

    def __init__(self, *args, issuers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if issuers is not None:
            self.fields["issuer"].queryset = issuers

    def clean_files(self):
        files = self.cleaned_data["files"]
        for f in files:
            try:
                upload_size_check(filename=f.name, size=f.size)
            except IngestError as exc:
                raise forms.ValidationError(str(exc)) from exc
        return files
