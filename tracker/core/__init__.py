"""The tracker's engine: pure Python, no Django.

Bytes in (``reading``), plain text → sections, commitments and outcomes out
(``extraction``), commitments of year N judged against outcomes of year N
(``assessment``). Every module works on plain strings and frozen dataclasses
from ``model`` so it can be tested without a database.
"""

ENGINE_VERSION = "1.0.0"
