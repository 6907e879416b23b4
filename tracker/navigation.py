"""Breadcrumbs: 首页 › issuer › year › section › commitment, as (label, url) pairs; the last has no url."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

Crumb = tuple[str, str | None]


def _cut(text: str, n: int = 24) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def issuer_crumbs(issuer, year: int | None = None, section=None) -> list[Crumb]:
    """首页 › issuer (its years) › year (its scorecard) › section (the scorecard filtered to it)."""
    crumbs: list[Crumb] = [("首页", reverse("home")), (issuer.name, reverse("trend", args=[issuer.pk]))]
    if year:
        crumbs.append((f"{year}年", reverse("scorecard", args=[issuer.pk, year])))
        if section is not None and section.path:
            url = reverse("scorecard", args=[issuer.pk, year]) + "?" + urlencode({"section": section.path})
            crumbs.append((_cut(section.heading or section.path), url))
    return crumbs


def commitment_crumbs(c) -> list[Crumb]:
    return [*issuer_crumbs(c.issuer, c.year, c.section),
            (_cut(c.indicator or c.text, 20), reverse("commitment", args=[c.pk]))]


def last_plain(crumbs: list[Crumb]) -> list[Crumb]:
    """The page itself is the last crumb, not a link."""
    return [*crumbs[:-1], (crumbs[-1][0], None)] if crumbs else crumbs
