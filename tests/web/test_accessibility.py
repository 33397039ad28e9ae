"""Accessibility basics on every page: a label for every field, one h1 and headings in order,
a skip link first, nothing taken out of the keyboard's order."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from web_helpers import csrf

CASE = quote("演示", safe="")


class Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.fields: list[dict[str, str]] = []
        self.labels: set[str] = set()
        self.headings: list[int] = []
        self.first_link: str | None = None
        self.tabindex: list[str] = []
        self.lang = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang", "")
        if tag in ("input", "select", "textarea") and a.get("type") not in ("hidden", "submit"):
            self.fields.append(a)
        if tag == "label" and "for" in a:
            self.labels.add(a["for"])
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.headings.append(int(tag[1]))
        if tag == "a" and self.first_link is None:
            self.first_link = a.get("href")
        if "tabindex" in a:
            self.tabindex.append(a["tabindex"])


def audit(html: str) -> Audit:
    p = Audit()
    p.feed(html)
    return p


@pytest.fixture
def pages(client, demo_case) -> dict[str, str]:
    token = csrf(client)
    client.post(f"/cases/{CASE}/debts", data={
        "lender": "某贷", "kind": "online_lender", "method": "equal_payment", "contract_date": "2025-01-01",
        "contract_amount": "5000", "periods": "6", "rate": "24%", "csrf": token})  # fmt: skip
    urls = ["/", f"/cases/{CASE}/", f"/cases/{CASE}/timeline", f"/cases/{CASE}/patterns",
            f"/cases/{CASE}/debts?income=8000&essentials=3000", f"/cases/{CASE}/debts/new",
            f"/cases/{CASE}/rights", f"/cases/{CASE}/documents", f"/cases/{CASE}/import",
            "/provisions/%E6%B0%91%E6%B3%95%E5%85%B8%3A1033", "/cases/nope/"]  # fmt: skip
    rid = client.get(f"/cases/{CASE}/timeline?stage=visit&format=json").json()["rows"][0]["id"]
    urls.append(f"/cases/{CASE}/messages/{quote(rid, safe='')}")
    return {u: client.get(u).text for u in urls}


def test_every_field_has_a_label(pages):
    for url, html in pages.items():
        a = audit(html)
        for f in a.fields:
            assert f.get("id") in a.labels or f.get("aria-label"), (url, f)


def test_one_h1_and_headings_never_skip_a_level(pages):
    for url, html in pages.items():
        levels = audit(html).headings
        assert levels.count(1) == 1 and levels[0] == 1, (url, levels)
        for prev, cur in zip(levels, levels[1:], strict=False):
            assert cur <= prev + 1, (url, levels)


def test_skip_link_first_language_and_natural_tab_order(pages):
    for url, html in pages.items():
        a = audit(html)
        assert a.lang == "zh-CN"
        assert a.first_link == "#main", url
        assert all(t in ("0", "-1") for t in a.tabindex), (url, a.tabindex)


def test_pages_scale_on_phones(pages):
    for html in pages.values():
        assert 'name="viewport" content="width=device-width, initial-scale=1"' in html
