"""A web request reads an upload only as far as its preview: the first pages of a long PDF, and
no fingerprint of a long text; the whole file is read, fingerprinted and compared with the
issuer's stored documents by the parse (the worker). Counted by patching the reader and the
fingerprint, on PostgreSQL."""

from __future__ import annotations

import pytest

import tracker.core.pdf_text as pdf_text
import tracker.services as services
from tests.factories import SEEDS
from tests.fixtures.documents import seed_pdf
from tracker.models import Correction, Document, Issuer
from tracker.services import (
    UPLOAD_PREVIEW_CHARS,
    UPLOAD_PREVIEW_PAGES,
    SameDocument,
    document_ingest,
    document_parse,
    document_replace,
)

pytestmark = pytest.mark.django_db
SEED = next(SEEDS.glob("004_*"))


def make_pdf(pages: int, title: str) -> bytes:
    return seed_pdf(SEED, pages=pages, title=title)


@pytest.fixture
def counted(monkeypatch):
    """PDF pages read, characters fingerprinted, corrections followed: each call recorded."""
    seen = {"pages": 0, "fingerprinted": [], "followed": 0}
    page_text, fingerprint, follow = pdf_text._page_text, services.fingerprint, services.corrections_follow_text

    def count_page(document, index):
        seen["pages"] += 1
        return page_text(document, index)

    def count_fingerprint(text):
        seen["fingerprinted"].append(len(text))
        return fingerprint(text)

    def count_follow(**kw):
        seen["followed"] += 1
        return follow(**kw)

    monkeypatch.setattr(pdf_text, "_page_text", count_page)
    monkeypatch.setattr(services, "fingerprint", count_fingerprint)
    monkeypatch.setattr(services, "corrections_follow_text", count_follow)

    def take() -> dict:
        out = {**seen, "fingerprinted": list(seen["fingerprinted"])}
        seen.update(pages=0, fingerprinted=[], followed=0)
        return out

    return take


def test_a_long_pdf_is_read_to_its_preview_by_upload_and_replace_and_whole_by_the_parse(counted):
    issuer = Issuer.objects.create(name="嘉兴市经信局")
    pages = 60
    doc = document_ingest(data=make_pdf(pages, "嘉兴市经信局2023年工作总结"), filename="long.pdf", issuer=issuer,
                          parse=False).document
    assert counted() == {"pages": UPLOAD_PREVIEW_PAGES, "fingerprinted": [], "followed": 0}
    assert doc.fingerprint == [] and doc.status == Document.Status.PENDING

    doc = document_parse(document=doc)
    seen = counted()
    assert seen["pages"] == pages and doc.status == Document.Status.PARSED
    assert len(doc.fingerprint) == 64 and seen["fingerprinted"] == [len(doc.plain_text)]
    old_text = doc.plain_text

    replaced = document_replace(document=doc, data=make_pdf(pages + 1, "嘉兴市经信局2023年工作总结(修订)"),
                                filename="long-2.pdf")
    # the request: the preview's pages, no fingerprint, corrections not moved (the old text stays)
    assert counted() == {"pages": UPLOAD_PREVIEW_PAGES, "fingerprinted": [], "followed": 0}
    replaced = Document.objects.get(pk=doc.pk)
    assert replaced.plain_text == old_text and replaced.fingerprint == []

    parsed = document_parse(document=replaced)
    seen = counted()
    assert seen["pages"] == pages + 1 and seen["followed"] == 1 and len(parsed.fingerprint) == 64
    assert parsed.plain_text != old_text and "修订" in parsed.plain_text


def test_a_long_text_is_fingerprinted_by_the_parse_which_tells_its_stored_twin(counted):
    issuer = Issuer.objects.create(name="嘉兴市经信局")
    block = SEED.read_text(encoding="utf-8")
    text = "".join(f"{block}\n第{i}遍。\n" for i in range(UPLOAD_PREVIEW_CHARS // len(block) + 2))
    assert len(text) > UPLOAD_PREVIEW_CHARS
    first = document_ingest(data=text.encode(), filename="long.txt", issuer=issuer, parse=False).document
    assert counted()["fingerprinted"] == [] and first.fingerprint == []
    first = document_parse(document=first)
    assert counted()["fingerprinted"] == [len(text)] and len(first.fingerprint) == 64
    assert not any("内容相同" in w for w in first.warnings)

    # the same report in another encoding: the request cannot tell it (no fingerprint of a long text)
    second = document_ingest(data=text.encode("gb18030"), filename="long-gbk.txt", issuer=issuer,
                             parse=False).document
    assert counted()["fingerprinted"] == []
    second = document_parse(document=second)
    assert f"与已上传的文档 #{first.pk}《{first}》内容相同" in " ".join(second.warnings)
    first = document_parse(document=first)  # the earlier of the two does not warn
    assert not any("内容相同" in w for w in first.warnings)


def test_a_short_text_is_still_told_inside_the_request(counted):
    """Below the preview the request fingerprints the whole text, so the uploader is asked at once."""
    issuer = Issuer.objects.create(name="嘉兴市经信局")
    text = SEED.read_text(encoding="utf-8")
    stored = document_ingest(data=text.encode(), filename="a.txt", issuer=issuer, parse=False).document
    assert counted()["fingerprinted"] == [len(text)] and len(stored.fingerprint) == 64
    with pytest.raises(SameDocument):
        document_ingest(data=text.encode("gb18030"), filename="b.txt", issuer=issuer, parse=False)
    assert Document.objects.filter(issuer=issuer).count() == 1 and not Correction.objects.exists()


@pytest.mark.parametrize("name, data, said", [
    ("deeply-nested.html", ("<html><body>" + "<div>" * 100_000 + "2024年力争新增省级专精特新企业15家。"
                            + "</div>" * 100_000).encode(), "嵌套层级过深"),
    ("bomb.docx", None, "压缩炸弹"),
], ids=["nesting", "zip-bomb"])
def test_a_hostile_upload_is_refused_in_chinese_and_nothing_is_kept(name, data, said, settings):
    from pathlib import Path

    from tests.core.test_reading_limits import lying_docx

    data = data if data is not None else lying_docx(1024 ** 3)  # 1 GiB inflated, declaring 1,000 bytes
    issuer = Issuer.objects.create(name="嘉兴市经信局")
    with pytest.raises(services.IngestError, match=said) as refused:
        document_ingest(data=data, filename=name, issuer=issuer, parse=False)
    assert str(refused.value).startswith(f"{name}:")
    assert not Document.objects.exists()
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))
