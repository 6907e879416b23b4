"""HTML saved from a government portal → the article body and the portal's metadata.

Scripts, styles, navigation, breadcrumbs, share links and 浏览次数/字号 widgets
are dropped; the body is the content container with the most Chinese text
(an allow-list of usual container names is tried first).
"""

from __future__ import annotations

import re

from .lexicon import PORTAL_DATE_PATTERN, PUBLISHED_LABELS, SOURCE_LABELS
from .limits import UnreadableDocument
from .messages import MESSAGES

_CONTAINERS = ("zoom", "content", "article", "TRS_Editor", "main-txt", "detail", "zwnr", "text", "con")
_DROP = ("script", "style", "noscript", "iframe", "nav", "header", "footer", "form", "button", "select",
         "object", "embed", "svg", "template")
_META = {
    "published": re.compile("(?:" + "|".join(PUBLISHED_LABELS) + r")\s*[:：]\s*(" + PORTAL_DATE_PATTERN + ")"),
    "issuer": re.compile("(?:" + "|".join(SOURCE_LABELS) + r")\s*[:：]\s*([^\s:：|]{2,30})"),
}


_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>")
# elements that nest nothing (void) or whose end tag may be left out: they add no depth
_FLAT = frozenset("area base br col embed hr img input link meta param source track wbr "
                  "p li dt dd tr td th option optgroup thead tbody tfoot colgroup rt rp html head body".split())


def check_nesting(html: str, limit: int) -> None:
    """Refuse a page nested deeper than ``limit`` elements (100,000 nested divs): lxml would cut
    it silently and a tree walk would run out of stack. One linear pass over the tags."""
    depth = 0
    for m in _TAG.finditer(html):
        name = m.group(2).lower()
        if name in _FLAT or m.group(3):
            continue
        if m.group(1):
            depth = max(depth - 1, 0)
        else:
            depth += 1
            if depth > limit:
                raise UnreadableDocument(MESSAGES["html_nesting"].format(limit=limit))


def html_to_text(html: str) -> tuple[str, dict]:
    try:
        from lxml import html as lxml_html

        tree = lxml_html.fromstring(html)
    except Exception as exc:
        raise UnreadableDocument(MESSAGES["html_broken"]) from exc
    for bad in tree.xpath("|".join(f"//{t}" for t in _DROP)):
        bad.drop_tree()
    hints: dict = {}
    titles = tree.xpath("//meta[@name='ArticleTitle']/@content") or tree.xpath("//title/text()")
    if titles and titles[0].strip():
        hints["title"] = titles[0].strip().split("_")[0].split("-")[0].strip()
    for name, key in (("PubDate", "published"), ("ContentSource", "issuer")):
        v = tree.xpath(f"//meta[@name='{name}']/@content")
        if v and v[0].strip():
            hints[key] = v[0].strip()[:10] if key == "published" else v[0].strip()
    page_text = tree.text_content()
    for key, pattern in _META.items():
        m = pattern.search(page_text)
        if m and key not in hints:
            hints[key] = m.group(1)
    if "published" in hints:
        d = re.findall(r"\d+", hints["published"])
        if len(d) >= 3:
            hints["published"] = f"{int(d[0]):04d}-{int(d[1]):02d}-{int(d[2]):02d}"
        else:
            hints.pop("published")
    body = _best_container(tree)
    text = _block_text(body)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if not text:
        raise UnreadableDocument(MESSAGES["html_empty"])
    return text, hints


def _cjk(s: str) -> int:
    return len(re.findall(r"[\u4e00-\u9fff]", s))


def _best_container(tree):
    for name in _CONTAINERS:
        found = tree.xpath(f"//*[@id='{name}' or contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]")
        found = [f for f in found if _cjk(f.text_content()) > 100]
        if found:
            return max(found, key=lambda e: _cjk(e.text_content()))
    best, best_score = tree, 0
    for el in tree.iter("div", "article", "section", "td"):
        paragraphs = el.xpath("./p|./div/p")
        score = sum(_cjk(p.text_content()) for p in paragraphs)
        if score > best_score:
            best, best_score = el, score
    return best


def _block_text(el) -> str:
    parts: list[str] = []
    blocks = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table"}
    cells = {"td", "th"}

    def walk(node):
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in blocks:
            parts.append("\n")
        if node.text and tag:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag in blocks:
            parts.append("\n")
        elif tag in cells:
            parts.append("\t")

    walk(el)
    return "".join(parts)
