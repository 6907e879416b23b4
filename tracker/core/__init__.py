"""The tracker's engine: pure Python, no Django.

Bytes in (``reading``), plain text → sections, commitments and outcomes out
(``extraction``), commitments of year N judged against outcomes of year N
(``assessment``). Every module works on plain strings and frozen dataclasses
from ``model`` so it can be tested without a database.

``ENGINE_VERSION`` names the rules: a major number for the interface and a digest of the
engine's own source files, so that any change to a rule or a word of the lexicon marks
every stored document as parsed by an older engine (``reparse --if-outdated`` and the
beat pick them up) without anyone having to remember to bump it.
"""

import hashlib
from pathlib import Path


def _rules_digest() -> str:
    h = hashlib.sha256()
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:8]


ENGINE_VERSION = f"2.{_rules_digest()}"
