"""Reading a file on disk (tracker/core/files.py)."""

import pytest


def test_huge_file_is_refused_before_reading(tmp_path):
    from tracker.core.files import extract_path
    from tracker.core.reading import Limits, UnreadableDocument

    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:
        fh.seek(200 * 1024 * 1024)
        fh.write(b"x")  # a sparse 200 MB file
    with pytest.raises(UnreadableDocument, match="文件过大"):
        extract_path(big, Limits())
