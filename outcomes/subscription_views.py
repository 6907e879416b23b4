"""Recipients manage their own scorecard emails; an unsubscribe link works without login."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from outcomes.mail import schedule, subscription_from_token
from tracker.access import visible_issuers
from tracker.models import Subscription


class SubscriptionForm(forms.ModelForm):
    class Meta:
        model = Subscription
        # no address field: scorecards go to the account's own address only (Subscription.address)
        fields = ("issuers", "frequency", "weekday", "day_of_month", "hour", "active")
        widgets = {"issuers": forms.CheckboxSelectMultiple}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["issuers"].queryset = visible_issuers(user)

    def clean(self):
        data = super().clean()
        if not (self.user.email or "").strip():
            # a user cannot send their issuers' data to an address of their choosing
            raise forms.ValidationError("您的账号没有邮箱,无法订阅:评估邮件只发送到账号本人的邮箱。"
                                        "请联系管理员为账号设置邮箱。")
        return data


@login_required
@require_http_methods(["GET", "POST"])
def subscriptions(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    mine = Subscription.objects.filter(user=request.user).prefetch_related("issuers")
    instance = get_object_or_404(mine, pk=pk) if pk else Subscription(user=request.user)
    if request.method == "POST" and request.POST.get("delete") and pk:
        instance.delete()
        messages.success(request, "已删除该订阅。")
        return redirect("subscriptions")
    form = SubscriptionForm(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        sub = form.save(commit=False)
        sub.user = request.user
        schedule(sub)
        sub.save()
        form.save_m2m()
        messages.success(request, f"已保存,下次发送:{sub.next_send_at:%Y-%m-%d %H:%M}。")
        return redirect("subscriptions")
    return render(request, "tracker/subscriptions.html", {"form": form, "subscriptions": mine, "editing": pk})


@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    sub = subscription_from_token(token)
    if sub is None:
        raise Http404("退订链接无效")
    if request.method == "POST":
        Subscription.objects.filter(pk=sub.pk).update(active=False)
        return render(request, "tracker/unsubscribe.html", {"done": True, "sub": sub})
    return render(request, "tracker/unsubscribe.html", {"done": False, "sub": sub})
