"""Scheduled scorecard emails: what is due, claiming it once, building and sending it.

A beat task calls ``subscriptions_claim_due``; each claim is a conditional UPDATE
on ``next_send_at`` (only the run that moves it from the value it read goes on),
followed by a ``ScorecardSend`` row unique on (subscription, period) — so two beat
runs, or a retried task, never send twice. ``scorecard_send`` locks the send row
and checks its status before it sends.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta
from email.mime.image import MIMEImage

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Case, F, IntegerField, Value, When
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from outcomes.charts_png import status_png
from outcomes.lights import LIGHT_ORDER, LIGHTS, legend, warning
from outcomes.schedule import next_due, period_of
from outcomes.selectors import STATUS_LABELS, Scorecard, commitments_for, latest_scorecards
from tracker.access import visible_issuers
from tracker.core.statuses import BY_URGENCY, JUDGED, Status
from tracker.formatting import percent, score_text, with_unit, zh_punct
from tracker.models import Issuer, ScorecardSend, Subscription

log = logging.getLogger(__name__)
UNSUBSCRIBE_SALT = "tracker.unsubscribe"
SHORTFALL_LIMIT = 20
CHANGES_LIMIT = 15  # commitments whose status changed since the previous send, listed at most
STATUSES_KEY = "statuses"  # the send summary's {issuer id: {commitment id: status}}, for the next send's changes


def schedule(subscription: Subscription, *, after=None) -> None:
    """Set the next send time from the subscription's rule."""
    subscription.next_send_at = next_due(
        frequency=subscription.frequency, weekday=subscription.weekday,
        day_of_month=subscription.day_of_month, hour=subscription.hour, after=after or timezone.now())


def subscriptions_claim_due(*, now=None) -> list[int]:
    """Claim every due subscription once; returns the ids of the sends to make."""
    now = now or timezone.now()
    claimed = []
    due = Subscription.objects.filter(active=True, next_send_at__lte=now).values_list(
        "pk", "next_send_at", "frequency", "weekday", "day_of_month", "hour")
    for pk, slot, frequency, weekday, day, hour in due:
        following = next_due(frequency=frequency, weekday=weekday, day_of_month=day, hour=hour,
                             after=max(now, slot))
        with transaction.atomic():
            if Subscription.objects.filter(pk=pk, next_send_at=slot).update(next_send_at=following) != 1:
                continue  # another run claimed it
            try:
                with transaction.atomic():
                    send = ScorecardSend.objects.create(subscription_id=pk, period=period_of(frequency, slot))
            except IntegrityError:
                continue  # this period was already sent
            claimed.append(send.pk)
    return claimed


# a failed send is tried again by the beat, 2, 6, 14, 30, 62 minutes after its claim, up to this many tries
SEND_MAX_ATTEMPTS = 6


def sends_retry_due(*, now=None) -> list[int]:
    """Failed sends whose wait is over, set back to pending once each (a conditional update, so two
    beat runs queue a send once); returns their ids for the beat to queue."""
    now = now or timezone.now()
    due = []
    failed = ScorecardSend.objects.filter(status=ScorecardSend.Status.FAILED, attempts__lt=SEND_MAX_ATTEMPTS)
    for pk, created, attempts in failed.values_list("pk", "created_at", "attempts"):
        if now < created + timedelta(minutes=2 * (2 ** max(attempts, 1) - 1)):
            continue
        if ScorecardSend.objects.filter(pk=pk, status=ScorecardSend.Status.FAILED, attempts=attempts).update(
                status=ScorecardSend.Status.PENDING) == 1:
            due.append(pk)
    return due


def send_not_queued(*, send_id: int, error: Exception) -> None:
    """The broker refused the send's task: recorded as a failure, so ``sends_retry_due`` tries again."""
    ScorecardSend.objects.filter(pk=send_id, status=ScorecardSend.Status.PENDING).update(
        status=ScorecardSend.Status.FAILED, error=f"消息队列不可用,稍后重试:{type(error).__name__}")


def unsubscribe_token(subscription: Subscription) -> str:
    return signing.dumps(subscription.pk, salt=UNSUBSCRIBE_SALT)


def subscription_from_token(token: str) -> Subscription | None:
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return Subscription.objects.filter(pk=pk).first()


class EveryIssuer:
    """The viewer for a recipient without an account: the subscription's issuers are its scope."""

    is_authenticated = is_active = is_superuser = True


@dataclass
class Shortfall:
    """One unmet or partly met commitment as the email lists it."""

    status: str
    label: str
    indicator: str
    text: str
    target: str
    actual: str
    score: str
    reason: str
    url: str
    light: str = "none"  # outcomes/lights.py
    light_text: str = ""
    unit: str = ""  # responsible unit

    @property
    def light_colour(self) -> str:
        return LIGHTS[self.light][1]

    @property
    def light_ink(self) -> str:
        return LIGHTS[self.light][2]


@dataclass
class Change:
    """A commitment whose effective status changed since the recipient's previous send."""

    indicator: str
    before: str
    after: str
    url: str


@dataclass
class IssuerBlock:
    issuer: Issuer
    year: int
    rows: list[tuple[str, str, int]]
    mean_score: float | None
    change: dict[str, int]
    shortfalls: list[Shortfall]
    url: str
    card: Scorecard | None = None
    more: int = 0  # unmet or partly met items not listed
    more_urls: tuple[tuple[str, str], ...] = ()
    lights: tuple[tuple[str, str, str, str, int], ...] = ()  # (code, label, colour, ink, count), red first
    changes: list[Change] | None = None  # None: no previous send to compare with
    more_changes: int = 0

    @property
    def title(self) -> str:
        return f"{self.issuer.name} {self.year} 年"

    @property
    def fulfilment(self) -> str:
        return percent(self.card.fulfilment) if self.card else "—"

    @property
    def mean(self) -> str:
        return score_text(self.mean_score)


def _one_line(text: str) -> str:
    line = zh_punct((text or "").strip().splitlines()[0] if (text or "").strip() else "")
    return line if len(line) <= 160 else line[:159] + "…"


def shortfalls_of(viewer, card: Scorecard, site: str) -> tuple[list[Shortfall], int]:
    """The unmet items first, then the partly met, each by score (lowest first); at most
    ``SHORTFALL_LIMIT`` of them, and how many more there are."""
    qs = (commitments_for(viewer, issuer=card.issuer, year=card.year)
          .filter(status__in=(Status.NOT_MET, Status.PARTLY_MET))
          .order_by(Case(When(status=Status.NOT_MET, then=Value(0)), default=Value(1), output_field=IntegerField()),
                    F("effective_score").asc(nulls_first=True), "document_id", "start"))
    listed = []
    for c in qs[:SHORTFALL_LIMIT]:
        a = c.assessment
        w = warning(c.status, c.deadline, c.year)
        listed.append(Shortfall(
            status=c.status, label=STATUS_LABELS[c.status], indicator=c.indicator or c.text[:40],
            text=c.text if len(c.text) <= 120 else c.text[:119] + "…", target=c.target_display,
            actual=with_unit(c.actual, c.actual_unit), score=score_text(c.effective_score),
            reason=_one_line(a.override_reason if a.override_status and a.override_reason else a.rationale),
            url=site + reverse("commitment", args=[c.pk]), light=w.light, light_text=w.text,
            unit=c.responsible_unit))
    total = card.count(Status.NOT_MET) + card.count(Status.PARTLY_MET)
    return listed, max(0, total - len(listed))


def _statuses(viewer, card: Scorecard) -> tuple[dict[str, str], dict[str, int]]:
    """Every commitment's effective status on this scorecard (kept in the send's summary for the next
    send) and the count of each light, in one query."""
    statuses, lights = {}, dict.fromkeys(LIGHT_ORDER, 0)
    rows = commitments_for(viewer, issuer=card.issuer, year=card.year).values_list("pk", "status", "light")
    for pk, status, light in rows:
        statuses[str(pk)] = status
        lights[light] += 1
    return statuses, lights


def _changes(viewer, card: Scorecard, before: dict[str, str], now: dict[str, str],
             site: str) -> tuple[list[Change], int]:
    """The commitments of this scorecard whose status differs from the previous send's, worst first;
    at most ``CHANGES_LIMIT``, and how many more. Commitments new since then are not changes."""
    changed = [int(pk) for pk, status in now.items() if pk in before and before[pk] != status]
    if not changed:
        return [], 0
    rank = {s: i for i, s in enumerate(BY_URGENCY)}
    rows = commitments_for(viewer, issuer=card.issuer, year=card.year).filter(pk__in=changed)
    ordered = sorted(rows, key=lambda c: (rank.get(c.status, 9), c.document_id, c.start))
    listed = [Change(indicator=c.indicator or c.text[:40], before=STATUS_LABELS.get(before[str(c.pk)], "—"),
                     after=STATUS_LABELS.get(c.status, c.status), url=site + reverse("commitment", args=[c.pk]))
              for c in ordered[:CHANGES_LIMIT]]
    return listed, max(0, len(changed) - len(listed))


def recipient_issuers(subscription: Subscription) -> tuple[object, list[Issuer]]:
    """(the viewer whose scope applies, the issuers the email covers): a user never gets more
    than the issuers they may see; an address without an account gets the chosen issuers."""
    chosen = list(subscription.issuers.all())
    if subscription.user_id:
        return subscription.user, _visible_to(subscription.user, chosen)
    return EveryIssuer(), chosen


def _visible_to(user, chosen: list[Issuer]) -> list[Issuer]:
    visible = {i.pk: i for i in visible_issuers(user)}
    return [i for i in chosen if i.pk in visible] if chosen else list(visible.values())


@dataclass(frozen=True)
class CardRead:
    """What an email shows of one issuer's scorecard whoever receives it (access is by issuer: a
    recipient who sees the issuer sees all of its commitments): the shortfalls listed, every status
    and the count of each light."""

    shortfalls: list[Shortfall]
    more: int
    statuses: dict[str, str]
    lights: dict[str, int]


@dataclass
class SendRun:
    """The scorecards read for one batch of sends (``scorecards_send``), by (issuer, year): a batch goes
    out within seconds, so its recipients get the figures of one moment, read once per issuer instead
    of once per recipient (the chart of each is drawn once too, ``status_png``)."""

    cards: dict[tuple[int, int], CardRead] = field(default_factory=dict)

    def read(self, viewer, card: Scorecard, site: str) -> CardRead:
        key = (card.issuer.pk, card.year)
        if key not in self.cards:
            shortfalls, more = shortfalls_of(viewer, card, site)
            self.cards[key] = CardRead(shortfalls, more, *_statuses(viewer, card))
        return self.cards[key]


def build_email(*, to: str, viewer, issuers: list[Issuer], period: str, unsubscribe: str | None,
                previous: dict | None = None, run: SendRun | None = None) -> tuple[EmailMultiAlternatives, dict]:
    """The email (subject, text part, HTML part with inline PNG charts) and the counts it reports;
    ``run``: the scorecards already read for the other emails of its batch."""
    run = run or SendRun()
    site = settings.SITE_URL.rstrip("/")
    blocks, summary = [], {}
    for card in latest_scorecards(viewer, issuers={i.pk for i in issuers}):
        counts = {s: card.counts.get(s, 0) for s in (*JUDGED, Status.NO_EVIDENCE)}
        before = (previous or {}).get(str(card.issuer.pk), {})
        change = {s: counts[s] - before.get(s, 0) for s in counts} if before else {}
        read = run.read(viewer, card, site)
        shortfalls, more, statuses, lights = read.shortfalls, read.more, read.statuses, read.lights
        before_statuses = ((previous or {}).get(STATUSES_KEY) or {}).get(str(card.issuer.pk))
        changes, more_changes = (_changes(viewer, card, before_statuses, statuses, site)
                                 if before_statuses is not None else (None, 0))
        url = site + reverse("scorecard", args=[card.issuer.pk, card.year])
        more_urls = tuple((STATUS_LABELS[s], f"{url}?status={s}") for s in (Status.NOT_MET, Status.PARTLY_MET)
                          if card.count(s))
        blocks.append(IssuerBlock(card.issuer, card.year, [(s, STATUS_LABELS[s], counts[s]) for s in counts],
                                  card.mean_score, change, shortfalls, url, card, more, more_urls,
                                  tuple((c, LIGHTS[c][0], LIGHTS[c][1], LIGHTS[c][2], lights[c])
                                        for c in LIGHT_ORDER[:3]), changes, more_changes))
        summary[str(card.issuer.pk)] = counts
        summary.setdefault(STATUSES_KEY, {})[str(card.issuer.pk)] = statuses
    names = "、".join(b.title for b in blocks[:3]) + ("等" if len(blocks) > 3 else "")
    context = {"blocks": blocks, "period": period, "names": names or "（无可查看的单位）", "site": site,
               "unsubscribe": unsubscribe, "legend": [x for x in legend() if x["code"] != "none"]}
    subject = render_to_string("emails/scorecard_subject.txt", context).strip().replace("\n", " ")
    headers = {"List-Unsubscribe": f"<{unsubscribe}>"} if unsubscribe else {}
    message = EmailMultiAlternatives(subject=subject, body=render_to_string("emails/scorecard.txt", context),
                                     to=[to], headers=headers)
    message.attach_alternative(render_to_string("emails/scorecard.html", context), "text/html")
    message.mixed_subtype = "related"
    for i, block in enumerate(blocks):
        image = MIMEImage(status_png(tuple(block.rows), f"{block.issuer.name} {block.year} 年"), "png")
        image.add_header("Content-ID", f"<chart{i}>")
        image.add_header("Content-Disposition", "inline", filename=f"chart{i}.png")
        message.attach(image)
    return message, summary


def subscription_email(subscription: Subscription, period: str, previous: dict | None = None,
                       run: SendRun | None = None):
    viewer, issuers = recipient_issuers(subscription)
    unsubscribe = settings.SITE_URL.rstrip("/") + reverse("unsubscribe", args=[unsubscribe_token(subscription)])
    return build_email(to=subscription.address, viewer=viewer, issuers=issuers, period=period,
                       unsubscribe=unsubscribe, previous=previous, run=run)


# sends per task of the beat's run: they share each issuer's scorecard, read once (``SendRun``)
SENDS_PER_BATCH = 50


def send_batches(send_ids: list[int]) -> list[list[int]]:
    return [send_ids[i:i + SENDS_PER_BATCH] for i in range(0, len(send_ids), SENDS_PER_BATCH)]


def scorecards_send(*, send_ids: list[int]) -> list[ScorecardSend]:
    """Send a batch of claimed emails, each as ``scorecard_send`` does (one failing does not stop the
    others), reading each issuer's scorecard once for the batch."""
    run = SendRun()
    return [scorecard_send(send_id=pk, run=run) for pk in send_ids]


def scorecard_send(*, send_id: int, run: SendRun | None = None) -> ScorecardSend:
    """Send one claimed email. A send already made is not made again (the row is locked and
    its status checked first); a failure is recorded on the row, for the task to retry."""
    with transaction.atomic():
        rows = ScorecardSend.objects.select_for_update(of=("self",))
        send = rows.select_related("subscription", "subscription__user").get(pk=send_id)
        if send.status == ScorecardSend.Status.SENT:
            return send
        previous = (ScorecardSend.objects.filter(subscription=send.subscription, status=ScorecardSend.Status.SENT)
                    .exclude(pk=send.pk).order_by("-sent_at").values_list("summary", flat=True).first())
        send.attempts += 1
        try:
            if not send.subscription.address:
                raise ValueError("订阅没有收件地址")
            message, summary = subscription_email(send.subscription, send.period, previous, run)
            message.send(fail_silently=False)
        except Exception as exc:  # SMTP refusals, bad addresses: recorded, retried by the task
            log.warning("scorecard send %s failed: %s", send.pk, exc)
            send.status, send.error = ScorecardSend.Status.FAILED, f"{type(exc).__name__}: {exc}"[:2000]
            send.save(update_fields=["status", "error", "attempts"])
            return send
        send.status, send.error, send.summary, send.sent_at = ScorecardSend.Status.SENT, "", summary, timezone.now()
        send.save(update_fields=["status", "error", "summary", "sent_at", "attempts"])
        return send


def preview_email(*, address: str, issuer: Issuer, period: str) -> EmailMultiAlternatives:
    """A one-off email (``send_scorecards --to``): an address with an account is scoped like that user."""
    user = get_user_model().objects.filter(email=address, is_active=True).first()
    viewer = user or EveryIssuer()
    issuers = _visible_to(user, [issuer]) if user else [issuer]
    return build_email(to=address, viewer=viewer, issuers=issuers, period=period, unsubscribe=None)[0]
