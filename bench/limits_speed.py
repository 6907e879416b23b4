"""Peak memory and time on the two hostile-but-legal uploads: a 500-page text PDF and a 50 MB text.

    python bench/limits_speed.py            # the engine alone (reading + extraction)
    DATABASE_URL=postgres://… python bench/limits_speed.py   # also the worker's whole parse, stored

Each case runs in a fresh process (peak RSS is per process). For each file: the upload's read
(what the web request does: checks and a preview, tracker.services.document_ingest), the worker's
read + extraction with the default limits, and, with a database, the worker's whole
``document_parse`` (read, extract, upsert, assess). Targets: under 500 MB and under 60 s each.
The 50 MB text is past the default character cap (``MAX_CHARS``), so it is refused in the upload
with a message; it is also measured with the cap lifted, to show what the cap protects.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEED = next((ROOT / "seeds").glob("004_*"))

from tests.fixtures.documents import seed_pdf  # noqa: E402  (the tests' PDF builder)


def make_pdf(path: Path, pages: int = 500) -> None:
    path.write_bytes(seed_pdf(SEED, pages=pages))


def make_text(path: Path, size: int = 50 * 1024 * 1024) -> None:
    block = SEED.read_bytes()
    path.write_bytes(block * ((size - 1024) // len(block)))


def make_text_at_cap(path: Path, chars: int = 1_950_000) -> None:
    block = SEED.read_text(encoding="utf-8")
    path.write_text(block * (chars // len(block)), encoding="utf-8")


def child(case: str, path: str) -> None:
    """One measurement in this process; prints a JSON line."""
    from tracker.core.reading import Limits, UnreadableDocument, read_bytes

    t0 = time.perf_counter()
    out: dict = {"case": case}
    try:
        if case == "upload":
            read = read_bytes(Path(path).read_bytes(), Limits(), preview_pages=10)
            out["chars"] = len(read.text)
        elif case in ("extract", "extract-uncapped"):
            from tracker.core.extraction import extract_text

            limits = Limits() if case == "extract" else Limits(max_chars=10 ** 9)
            read = read_bytes(Path(path).read_bytes(), limits)
            x = extract_text(read.text, read.format, read.hints)
            out.update(chars=len(x.text), commitments=len(x.commitments), outcomes=len(x.outcomes))
        elif case == "parse":
            os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
            import django

            django.setup()
            from django.core.management import call_command

            call_command("migrate", verbosity=0)
            from tracker.models import Document
            from tracker.services import IngestError, document_ingest, document_parse

            data = Path(path).read_bytes()
            try:
                doc = document_ingest(data=data, filename=Path(path).name, issuer_name=f"基准单位{time.time_ns()}",
                                      parse=False).document
            except IngestError as exc:
                raise UnreadableDocument(str(exc)) from exc
            t0 = time.perf_counter()
            doc = document_parse(document=doc)
            out.update(status=doc.status, error=doc.error, commitments=doc.commitments.count(),
                       outcomes=doc.outcomes.count())
            Document.objects.filter(pk=doc.pk).delete()
    except UnreadableDocument as exc:
        out["refused"] = str(exc)
    out["seconds"] = round(time.perf_counter() - t0, 1)
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(json.dumps(out, ensure_ascii=False))


def measure(case: str, path: Path) -> dict:
    run = subprocess.run([sys.executable, __file__, "--child", case, str(path)], capture_output=True, text=True,
                         cwd=ROOT, timeout=1800)
    if run.returncode:
        return {"case": case, "error": run.stderr[-800:]}
    return json.loads(run.stdout.strip().splitlines()[-1])


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pdf, text, capped = Path(tmp) / "500-pages.pdf", Path(tmp) / "50mb.txt", Path(tmp) / "at-the-cap.txt"
        make_pdf(pdf)
        make_text(text)
        make_text_at_cap(capped)
        cases = ["upload", "extract"] + (["parse"] if os.environ.get("DATABASE_URL") else [])
        for path, extra in ((pdf, []), (text, ["extract-uncapped"]), (capped, [])):
            print(f"{path.name}: {path.stat().st_size / 1e6:.1f} MB")
            for case in cases + extra:
                r = measure(case, path)
                ok = r.get("peak_mb", 10 ** 6) < 500 and r.get("seconds", 10 ** 6) < 60
                detail = {k: v for k, v in r.items() if k not in ("case", "seconds", "peak_mb")}
                print(f"  {case:17} {r.get('seconds', '?'):>6} s  {r.get('peak_mb', '?'):>5} MB  "
                      f"{'ok' if ok else 'OVER TARGET'}  {json.dumps(detail, ensure_ascii=False)[:300]}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
    else:
        main()
