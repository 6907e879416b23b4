"""``manage.py demo_users``: the three roles and a demo account (password printed once)."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from tracker.access import ADMIN, ensure_groups
from tracker.models import Grant, Issuer


class Command(BaseCommand):
    help = "创建角色组和演示账号"

    def handle(self, *args, **options) -> None:
        groups = ensure_groups()
        User = get_user_model()
        user, created = User.objects.get_or_create(username="demo", defaults={"is_staff": True})
        if created:
            password = secrets.token_urlsafe(9)
            user.set_password(password)
            user.save()
            user.groups.add(groups[ADMIN])
            self.stdout.write(self.style.SUCCESS(f"演示账号:demo  密码:{password}(只显示这一次)"))
        else:
            self.stdout.write("演示账号 demo 已存在(忘记密码可运行 manage.py changepassword demo)")
        for issuer in Issuer.objects.all():
            Grant.objects.get_or_create(user=user, issuer=issuer)
