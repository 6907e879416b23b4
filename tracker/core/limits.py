"""What every format reader shares: the bounds it reads within and how it refuses a file.

``reading`` dispatches to the readers (``pdf_text``, ``docx_text``, ``html_text``); they are leaves
that import this module, never ``reading``."""

from __future__ import annotations

from dataclasses import dataclass


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
