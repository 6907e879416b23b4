"""Read and extract a file on disk (used by the JSON commands and the benchmarks)."""

from __future__ import annotations

from pathlib import Path

from .extraction import extract_text
from .messages import MESSAGES
from .model import Extraction
from .reading import Limits, UnreadableDocument, read_bytes


def extract_path(path: str | Path, limits: Limits | None = None) -> Extraction:
    p = Path(path)
    limits = limits or Limits()
    try:
        size = p.stat().st_size
        if size > limits.max_bytes:  # refuse before reading a huge file into memory
            mb = 1024 * 1024
            raise UnreadableDocument(MESSAGES["file_too_big"].format(size=size // mb, limit=limits.max_bytes // mb))
        data = p.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(MESSAGES["file_unreadable"].format(reason=exc.strerror or exc)) from exc
    read = read_bytes(data, limits)
    return extract_text(read.text, read.format, read.hints)
