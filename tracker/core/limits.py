"""What every format reader shares: the bounds it reads within and how it refuses a file.

``reading`` dispatches to the readers (``pdf_text``, ``docx_text``, ``html_text``); they are leaves
that import this module, never ``reading``."""

from __future__ import annotations

from dataclasses import dataclass

from .messages import MESSAGES

MB = 1024 * 1024


class UnreadableDocument(ValueError):
    """The upload cannot be read; ``str(error)`` is a message for users, in Chinese."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 50 * 1024 * 1024
    max_pdf_pages: int = 500
    max_zip_ratio: int = 100
    max_unzipped_bytes: int = 200 * 1024 * 1024
    max_chars: int = 2_000_000  # characters of text, counted while reading (pages, paragraphs)
    max_html_depth: int = 200  # nested elements of an HTML page

    def too_big(self, size: int) -> bool:
        """A file of ``size`` bytes is refused before it is read: the one upload size rule
        (``check_size`` here, ``tracker.services.upload_size_check`` for the web's wording)."""
        return size > self.max_bytes


def check_size(size: int, limits: Limits) -> None:
    if limits.too_big(size):
        raise UnreadableDocument(MESSAGES["file_too_big"].format(size=size // MB, limit=limits.max_bytes // MB))
