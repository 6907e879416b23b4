"""1,000 scorecard emails rendered and sent over SMTP to a local sink (aiosmtpd).

    python bench/mail_speed.py [N]

Uses a throw-away test database (PostgreSQL if DATABASE_URL is set) with the seed
documents loaded, N subscriptions due at once, and Django's SMTP backend; the sends go in the
batches the beat's tasks send (outcomes.mail.send_batches). The clock runs from the claim to the
last email accepted by the sink.

Bar (issue 13): the run of 1,000 subscriptions in < 60 s.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

import django  # noqa: E402
from _bench import MACHINE, verdict  # noqa: E402

django.setup()

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1000


class Sink:
    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.count += 1
        return "250 OK"


def main() -> None:
    from aiosmtpd.controller import Controller
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import get_runner, setup_test_environment
    from django.utils import timezone

    from outcomes.mail import scorecards_send, send_batches, subscriptions_claim_due
    from tracker.celery import app
    from tracker.models import Issuer, Subscription

    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=8025)
    controller.start()
    setup_test_environment()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 8025
    app.conf.task_always_eager = True
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        call_command("load_seeds", stdout=open(os.devnull, "w"), stderr=open(os.devnull, "w"))
        issuers = list(Issuer.objects.all())
        now = timezone.now()
        subs = Subscription.objects.bulk_create([
            Subscription(email=f"r{i}@example.org", frequency="weekly", next_send_at=now) for i in range(N)])
        for i, sub in enumerate(subs):
            sub.issuers.set(issuers[i % len(issuers): i % len(issuers) + 2])
        t = time.perf_counter()
        ids = subscriptions_claim_due()
        claimed = time.perf_counter() - t
        for batch in send_batches(ids):  # as the beat's tasks send them (tracker.tasks.send_due_scorecards)
            scorecards_send(send_ids=batch)
        total = time.perf_counter() - t
        print(MACHINE.replace("each size measured once", "measured once"))
        print(f"{len(ids)} subscriptions claimed in {claimed:.2f} s; {sink.count} emails received by the sink")
        print(f"rendered and sent {len(ids)} scorecards in {total:.1f} s ({len(ids) / total:.0f}/s; goal < 60 s; "
              f"load {os.getloadavg()[0]:.1f})")
        verdict(f"scorecard mail run, {len(ids)} subscriptions", f"{total:.1f} s", "< 60 s", total < 60)
    finally:
        runner.teardown_databases(old)
        controller.stop()


if __name__ == "__main__":
    main()
