"""Scheduled scorecard emails: schedule boundaries in Asia/Shanghai, claiming once,
content of both parts, unsubscribe without login, scoping, failures. Time and the
mail server are the only fakes (time-machine, locmem backend)."""

from __future__ import annotations

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import connections
from django.urls import reverse

from outcomes.mail import schedule, scorecard_send, subscriptions_claim_due, unsubscribe_token
from outcomes.schedule import next_due, period_of
from tests.factories import READER, SEEDS, ingest_file, user, xihu_pair
from tracker.models import Issuer, ScorecardSend, Subscription

SH = ZoneInfo("Asia/Shanghai")


def at(*args) -> datetime:
    return datetime(*args, tzinfo=SH)


@pytest.mark.parametrize("now,expected", [
    (at(2026, 11, 23, 7, 59), at(2026, 11, 23, 8)),     # Monday, a minute before
    (at(2026, 11, 23, 8, 0), at(2026, 11, 30, 8)),      # exactly on the slot: the next one
    (at(2026, 11, 29, 23, 30), at(2026, 11, 30, 8)),    # Sunday night
    (datetime(2026, 11, 23, 0, 30, tzinfo=ZoneInfo("UTC")), at(2026, 11, 30, 8)),  # 08:30 in Shanghai
])
def test_weekly_boundaries(now, expected):
    assert next_due(frequency="weekly", weekday=0, day_of_month=1, hour=8, after=now) == expected


@pytest.mark.parametrize("now,expected", [
    (at(2026, 11, 30, 23, 0), at(2026, 12, 1, 8)),
    (at(2026, 12, 1, 8, 0), at(2027, 1, 1, 8)),         # across the year
    # 2026-11-30 23:30 UTC is already 12-01 07:30 in Shanghai: due at 08:00 that same day
    (datetime(2026, 11, 30, 23, 30, tzinfo=ZoneInfo("UTC")), at(2026, 12, 1, 8)),
])
def test_monthly_boundaries(now, expected):
    assert next_due(frequency="monthly", weekday=0, day_of_month=1, hour=8, after=now) == expected


def test_period_names():
    assert period_of("weekly", at(2026, 11, 23, 8)) == "2026-W48"
    assert period_of("monthly", at(2026, 12, 1, 8)) == "2026-12"


@pytest.fixture
def subscribed(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://tracker.example.org"
    issuer, plan, review = xihu_pair()
    reader = user("reader", READER, [issuer], email="reader@example.org")
    with time_machine.travel(at(2026, 11, 20, 12), tick=False):
        sub = Subscription(user=reader, frequency="weekly", weekday=0, hour=8)
        schedule(sub)
        sub.save()
    return sub, issuer


@pytest.mark.django_db
def test_due_only_at_its_time_and_claimed_once(subscribed):
    sub, issuer = subscribed
    assert sub.next_send_at == at(2026, 11, 23, 8)
    with time_machine.travel(at(2026, 11, 23, 7, 59), tick=False):
        assert subscriptions_claim_due() == []
    with time_machine.travel(at(2026, 11, 23, 8, 1), tick=False):
        claimed = subscriptions_claim_due()
        assert len(claimed) == 1
        assert subscriptions_claim_due() == []  # a second beat run in the same minute
    sub.refresh_from_db()
    assert sub.next_send_at == at(2026, 11, 30, 8)
    assert ScorecardSend.objects.get().period == "2026-W48"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_claims_send_once(subscribed):
    results = []

    def claim():
        with time_machine.travel(at(2026, 11, 23, 8, 1), tick=False):
            results.append(subscriptions_claim_due())
        connections.close_all()

    threads = [threading.Thread(target=claim) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(len(r) for r in results) == [0, 1]
    assert ScorecardSend.objects.count() == 1


@pytest.mark.django_db
def test_email_content_both_parts(subscribed):
    sub, issuer = subscribed
    with time_machine.travel(at(2026, 11, 23, 8, 1), tick=False):
        (send_id,) = subscriptions_claim_due()
    send = scorecard_send(send_id=send_id)
    assert send.status == "sent" and len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["reader@example.org"]
    assert issuer.name in message.subject and "2026-W48" in message.subject
    assert "达成" in message.body and "未达成或部分达成的承诺" in message.body
    assert "https://tracker.example.org/issuers/" in message.body
    html = message.alternatives[0][0]
    assert 'src="cid:chart0"' in html and "style=" in html and issuer.name in html
    images = [a for a in message.attachments if getattr(a, "get_content_type", lambda: "")() == "image/png"]
    assert len(images) == 1 and images[0]["Content-ID"] == "<chart0>"
    assert "/unsubscribe/" in message.extra_headers["List-Unsubscribe"]
    # a retried task does not send again
    scorecard_send(send_id=send_id)
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_unsubscribe_without_login(client, subscribed):
    sub, _ = subscribed
    url = reverse("unsubscribe", args=[unsubscribe_token(sub)])
    assert client.get(url).status_code == 200
    sub.refresh_from_db()
    assert sub.active  # a GET changes nothing
    assert "已退订" in client.post(url).content.decode()
    sub.refresh_from_db()
    assert not sub.active
    assert client.get(reverse("unsubscribe", args=["forged"])).status_code == 404


@pytest.mark.django_db
def test_recipient_never_gets_an_issuer_they_may_not_see(subscribed):
    sub, issuer = subscribed
    hidden = Issuer.objects.create(name="保密单位")
    sub.issuers.set([issuer, hidden])
    ingest_file(next(SEEDS.glob("004_*")), hidden)
    with time_machine.travel(at(2026, 11, 23, 8, 1), tick=False):
        (send_id,) = subscriptions_claim_due()
    scorecard_send(send_id=send_id)
    message = mail.outbox[0]
    assert "保密单位" not in message.body and "保密单位" not in message.subject


@pytest.mark.django_db
def test_smtp_failure_is_recorded_and_others_still_go(subscribed, settings, monkeypatch):
    sub, issuer = subscribed
    other = Subscription.objects.create(email="boss@example.org", frequency="weekly", weekday=0, hour=8,
                                        next_send_at=sub.next_send_at)
    other.issuers.set([issuer])
    from django.core.mail.backends.locmem import EmailBackend

    real_send = EmailBackend.send_messages

    def refuse(self, messages):
        if messages[0].to == ["reader@example.org"]:
            import smtplib

            raise smtplib.SMTPRecipientsRefused({"reader@example.org": (550, b"no such user")})
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    with time_machine.travel(at(2026, 11, 23, 8, 1), tick=False):
        ids = subscriptions_claim_due()
    results = {scorecard_send(send_id=i).subscription.address: ScorecardSend.objects.get(pk=i) for i in ids}
    assert results["reader@example.org"].status == "failed"
    assert "SMTPRecipientsRefused" in results["reader@example.org"].error
    assert results["boss@example.org"].status == "sent" and len(mail.outbox) == 1


@pytest.mark.django_db
def test_send_scorecards_dry_run_writes_a_file(tmp_path, subscribed):
    from django.core.management import call_command

    sub, issuer = subscribed
    out = tmp_path / "preview.eml"
    call_command("send_scorecards", "--to", "x@example.org", "--issuer", issuer.name, "--dry-run", "--out", str(out),
                 stdout=open("/dev/null", "w"))
    raw = out.read_bytes()
    assert b"Content-Type: image/png" in raw and b"text/html" in raw and len(mail.outbox) == 0


@pytest.mark.django_db
def test_users_manage_their_own_subscription(client, subscribed):
    sub, issuer = subscribed
    hidden = Issuer.objects.create(name="保密单位")
    client.force_login(sub.user)
    page = client.get(reverse("subscriptions")).content.decode()
    assert issuer.name in page and "保密单位" not in page and 'name="email"' not in page
    response = client.post(reverse("subscriptions"), {"issuers": [hidden.pk], "frequency": "monthly", "weekday": 0,
                                                      "day_of_month": 5, "hour": 9, "active": "on"})
    assert response.status_code == 200  # an issuer they may not see is not a valid choice
    response = client.post(reverse("subscriptions"), {"issuers": [issuer.pk], "frequency": "monthly", "weekday": 0,
                                                      "day_of_month": 5, "hour": 9, "active": "on"})
    assert response.status_code == 302
    new = Subscription.objects.exclude(pk=sub.pk).get(user=sub.user)
    assert new.address == "reader@example.org" and new.next_send_at.astimezone(SH).day == 5


@pytest.mark.django_db
def test_failed_scheduled_send_is_retried_by_the_beat_until_it_goes(subscribed, monkeypatch,
                                                                     django_capture_on_commit_callbacks):
    """A scheduled send that failed is tried again by the beat's run after its wait (not by a message
    that may be lost), once per run, and never again once sent."""
    from django.core.mail.backends.locmem import EmailBackend

    from tracker.tasks import send_due_scorecards

    sub, issuer = subscribed
    real_send = EmailBackend.send_messages
    down = {"smtp": True}

    def flaky(self, messages):
        if down["smtp"]:
            raise ConnectionRefusedError("smtp down")
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky)

    def beat():  # the beat's task, with its sends queued on commit (run eagerly here)
        with django_capture_on_commit_callbacks(execute=True):
            return send_due_scorecards()

    with time_machine.travel(at(2026, 11, 23, 8, 1), tick=False):
        assert beat() == 1  # eager: claimed and tried at once
    send = ScorecardSend.objects.get(subscription=sub)
    assert (send.status, send.attempts) == ("failed", 1)
    with time_machine.travel(at(2026, 11, 23, 8, 2), tick=False):
        assert beat() == 0  # still waiting (2 minutes after the claim)
    down["smtp"] = False
    with time_machine.travel(at(2026, 11, 23, 8, 4), tick=False):
        assert beat() == 1
    send.refresh_from_db()
    assert (send.status, send.attempts) == ("sent", 2) and len(mail.outbox) == 1
    with time_machine.travel(at(2026, 11, 23, 9, 30), tick=False):
        assert beat() == 0


@pytest.mark.django_db
def test_a_failed_send_stops_after_its_attempts(subscribed, monkeypatch):
    from outcomes.mail import SEND_MAX_ATTEMPTS, sends_retry_due

    sub, _ = subscribed
    send = ScorecardSend.objects.create(subscription=sub, period="2026-W48", status="failed",
                                        attempts=SEND_MAX_ATTEMPTS, created_at=at(2026, 11, 23, 8))
    with time_machine.travel(at(2026, 11, 25, 8), tick=False):
        assert sends_retry_due() == []
    send.refresh_from_db()
    assert send.status == "failed"


@pytest.mark.django_db
def test_a_subscription_goes_to_the_accounts_own_address(client, subscribed):
    sub, issuer = subscribed
    Subscription.objects.filter(pk=sub.pk).update(email="elsewhere@example.org")
    sub.refresh_from_db()
    assert sub.address == "reader@example.org"
    nobody = user("noaddress", READER, [issuer])
    client.force_login(nobody)
    response = client.post(reverse("subscriptions"), {"issuers": [issuer.pk], "frequency": "weekly", "weekday": 0,
                                                      "day_of_month": 1, "hour": 8, "active": "on",
                                                      "email": "mine@example.org"})
    assert response.status_code == 200 and "您的账号没有邮箱,无法订阅" in response.content.decode()
    assert not Subscription.objects.filter(user=nobody).exists()


def _batch_queries(n: int) -> tuple[int, list[str]]:
    """Queries to send a batch of ``n`` due sends to addresses without accounts, and the bodies sent."""
    from django.test.utils import CaptureQueriesContext

    from outcomes.mail import scorecards_send

    issuer = Issuer.objects.get(name="西湖区发改经信局")
    with time_machine.travel(at(2026, 11, 20, 12), tick=False):
        for i in range(n):
            sub = Subscription(email=f"r{n}-{i}@example.org", frequency="weekly", weekday=0, hour=8)
            schedule(sub)
            sub.save()
            sub.issuers.set([issuer])
    with time_machine.travel(at(2026, 11, 23, 8, 1), tick=False):
        ids = [pk for pk in subscriptions_claim_due()
               if ScorecardSend.objects.get(pk=pk).subscription.email.startswith(f"r{n}-")]
        before = len(mail.outbox)
        with CaptureQueriesContext(connections["default"]) as ctx:
            sends = scorecards_send(send_ids=ids)
    assert [s.status for s in sends] == ["sent"] * n
    return len(ctx.captured_queries), [m.body for m in mail.outbox[before:]]


@pytest.mark.django_db
def test_a_batch_reads_each_scorecard_once(subscribed, monkeypatch):
    """The recipients of one batch share each issuer's scorecard: its shortfalls and statuses are read
    once, not once per recipient, so a recipient adds the same few queries whatever their issuers hold;
    every recipient gets the same figures."""
    import outcomes.mail as mailing

    reads = []
    shortfalls_of = mailing.shortfalls_of
    monkeypatch.setattr(mailing, "shortfalls_of",
                        lambda *a, **k: reads.append(a[1].issuer.pk) or shortfalls_of(*a, **k))
    q2, bodies2 = _batch_queries(2)
    assert len(reads) == 1
    q6, bodies6 = _batch_queries(6)
    assert len(reads) == 2
    per_recipient = (q6 - q2) / 4
    assert per_recipient == int(per_recipient) and q2 - 2 * per_recipient <= 6, (q2, q6)
    strip = [b.split("/unsubscribe/")[0] for b in bodies2 + bodies6]
    assert len(set(strip)) == 1 and "未达成或部分达成的承诺" in strip[0]
