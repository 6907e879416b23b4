"""Read and extract a file on disk (used by the JSON commands and the benchmarks)."""

from __future__ import annotations

from pathlib import Path

from .extraction import extract_text
from .limits import check_size
from .messages import MESSAGES
from .model import Extraction
from .reading import Limits, UnreadableDocument, read_bytes


def extract_path(path: str | Path, limits: Limits | None = None) -> Extraction:
    p = Path(path)
    limits = limits or Limits()
    try:
        check_size(p.stat().st_size, limits)  # refused before a huge file is read into memory
        data = p.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(MESSAGES["file_unreadable"].format(reason=exc.strerror or exc)) from exc
    read = read_bytes(data, limits)
    return extract_text(read.text, read.format, read.hints)
