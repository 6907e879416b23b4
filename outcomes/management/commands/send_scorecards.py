"""``manage.py send_scorecards --due`` or ``--to ADDRESS --issuer NAME [--dry-run [--out FILE]]``."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from outcomes.mail import preview_email, scorecards_send, send_batches, subscriptions_claim_due
from outcomes.schedule import period_of
from tracker.models import ScorecardSend
from tracker.services import issuer_resolve


class Command(BaseCommand):
    help = "发送评估邮件:到期的订阅,或给指定地址发一份(可只写入文件预览)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--due", action="store_true", help="发送所有到期的订阅")
        parser.add_argument("--to", help="收件地址")
        parser.add_argument("--issuer", help="发布单位名称")
        parser.add_argument("--dry-run", action="store_true", help="不发送,把邮件写入文件")
        parser.add_argument("--out", default="scorecard-preview.eml")

    def handle(self, *args, due: bool, to: str | None, issuer: str | None, dry_run: bool, out: str, **options):
        if due:
            sent = failed = 0
            batches = send_batches(subscriptions_claim_due())
            sends = [send for batch in batches for send in scorecards_send(send_ids=batch)]
            for send in sends:
                sent += send.status == ScorecardSend.Status.SENT
                failed += send.status == ScorecardSend.Status.FAILED
                if send.error:
                    self.stderr.write(f"{send.subscription.address}: {send.error}")
            self.stdout.write(f"已发送 {sent} 封,失败 {failed} 封")
            return
        if not (to and issuer):
            raise CommandError("请使用 --due,或同时给出 --to 和 --issuer")
        target = issuer_resolve(name=issuer, create=False)
        if target is None:
            raise CommandError(f"没有这个发布单位:{issuer}")
        message = preview_email(address=to, issuer=target, period=period_of("monthly", timezone.now()))
        if dry_run:
            Path(out).write_bytes(message.message().as_bytes())
            self.stdout.write(f"已写入 {out}(主题:{message.subject})")
            return
        message.send(fail_silently=False)
        self.stdout.write(f"已发送给 {to}")
