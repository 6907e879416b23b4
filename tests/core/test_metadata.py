"""Document fields (tracker/core/metadata.py): title, date, years, kind and whether a name is a
newspaper's. Issuers of work reports are in test_document_fields.py."""

from tracker.core.metadata import is_media


def test_document_fields_from_portal_header(xihu):
    d = xihu.document
    assert (d.title, d.published, d.review_year, d.plan_year, d.kind) == (
        "区发改经信局2022年总结及2023年思路", "2023-03-10", 2022, 2023, "summary_plan")


def test_media_names_are_not_issuers():
    for name in ("湖北日报", "大众新闻客户端", "吉林省政府网", "黑龙江新闻网"):
        assert is_media(name), name
    for name in ("嘉兴市经信局", "西湖区发改经信局", "湖北省人民政府"):
        assert not is_media(name), name
