"""``manage.py api_token USERNAME``: print a new read-only API token (shown once)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from tracker.api import token_create


class Command(BaseCommand):
    help = "为用户生成只读 API 令牌"

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"用户不存在:{username}")
        self.stdout.write(token_create(user=user, label="命令行"))
