"""Hostile message text renders inert; strict headers; CSRF on every form; the host check and
the access token; upload limits; errors as plain sentences."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest
from web_helpers import csrf, make_client

from dunguard.case import create_case

CASE = quote("敌意", safe="")
HOSTILE = [
    "你的欠款已逾期，我们明天上门<script>alert('x')</script>，出门小心",
    '催收通知<img src=x onerror="alert(1)">速还款，否则联系你的家人',
    "逾期未还，我们将\u202eexe.txt\u202c上门核实，后果自负",
    '<a href="javascript:alert(1)">点此还款</a><iframe src="//evil"></iframe><style>*{display:none}</style>',
]


@pytest.fixture
def hostile_case(home, tmp_path):
    src = tmp_path / "hostile.jsonl"
    rows = [{"id": f"h{i}", "text": t, "sender": "13900000000", "time": f"2026-01-1{i}T23:00:00+08:00"}
            for i, t in enumerate(HOSTILE)]  # fmt: skip
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    with create_case("敌意") as c:
        c.import_files([src])
    return "敌意"


def _no_live_markup(html: str) -> None:
    body = html.split("<main", 1)[1]
    assert "<script" not in body.lower()
    assert (
        "<img" not in body.lower()
        and "<iframe" not in body.lower()
        and "<style" not in body.lower()
    )
    assert not re.search(r"<a [^>]*href=\"javascript:", body)
    assert "\u202e" not in html and "\u202c" not in html


@pytest.mark.parametrize("path", ["", "timeline", "patterns", "rights", "documents"])
def test_hostile_text_renders_inert(client, hostile_case, path):
    r = client.get(f"/cases/{CASE}/{path}")
    assert r.status_code == 200
    _no_live_markup(r.text)


def test_hostile_text_is_shown_escaped_and_bidi_marked(client, hostile_case):
    html = client.get(f"/cases/{CASE}/timeline").text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "[U+202E]exe.txt[U+202C]" in html
    ids = [r["id"] for r in client.get(f"/cases/{CASE}/timeline?format=json").json()["rows"]]
    for rid in ids:
        _no_live_markup(client.get(f"/cases/{CASE}/messages/{quote(rid, safe='')}").text)


def test_strict_headers_on_every_page(client, hostile_case):
    for url in ("/", f"/cases/{CASE}/", f"/cases/{CASE}/timeline", "/static/style.css", "/nope"):
        r = client.get(url)
        csp = r.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp  # no script at all
        assert "frame-ancestors 'none'" in csp and "form-action 'self'" in csp
        assert r.headers["x-frame-options"] == "DENY"
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "no-referrer"
    assert client.get("/").headers["cache-control"] == "no-store"


def test_no_external_resources_in_pages_or_css(client, hostile_case):
    from dunguard.web.render import STATIC, TEMPLATES

    for p in [*TEMPLATES.glob("*.j2"), *STATIC.glob("*")]:
        text = p.read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text and "//cdn" not in text, p.name
        assert "<script" not in text, p.name


# ---------------------------------------------------------------------- CSRF


def test_every_form_carries_a_csrf_token(client, hostile_case):
    for url in ("/", f"/cases/{CASE}/", f"/cases/{CASE}/import", f"/cases/{CASE}/debts/new",
                f"/cases/{CASE}/documents"):  # fmt: skip
        html = client.get(url).text
        for form in re.findall(r"<form[^>]*>.*?</form>", html, re.S):
            if 'method="post"' in form:
                assert 'name="csrf"' in form, (url, form[:120])


@pytest.mark.parametrize("url", ["/cases", f"/cases/{CASE}/tag", f"/cases/{CASE}/debts",
                                 f"/cases/{CASE}/documents/bundle", f"/cases/{CASE}/import"])  # fmt: skip
def test_posts_without_a_valid_token_are_refused(client, hostile_case, url):
    client.get("/")  # the browser has its cookie …
    for data in ({}, {"csrf": "0" * 64}):  # … but no token, or a forged one
        r = client.post(url, data={**data, "name": "x", "number": "1", "lender": "x"},
                        files={"files": ("a.csv", b"text\nhi\n")} if url.endswith("import") else None)  # fmt: skip
        assert r.status_code == 403, url
        assert "表单已经过期" in r.text


def test_a_token_from_another_browser_does_not_work(home, tmp_path):
    a, b = make_client(tmp_path), make_client(tmp_path)
    token_a = csrf(a)
    csrf(b)  # b has its own cookie
    assert b.post("/cases", data={"name": "x", "csrf": token_a}).status_code == 403
    assert a.post("/cases", data={"name": "x", "csrf": token_a}).status_code == 303


def test_cross_origin_post_is_refused(client, home):
    token = csrf(client)
    r = client.post(
        "/cases", data={"name": "x", "csrf": token}, headers={"origin": "http://evil.example"}
    )
    assert r.status_code == 403 and "别的网站" in r.text


# ---------------------------------------------------------------------- who may connect


def test_loopback_bind_refuses_other_host_names(client, home):
    assert client.get("/", headers={"host": "evil.example:8765"}).status_code == 421
    assert client.get("/", headers={"host": "localhost:8765"}).status_code == 200
    assert client.get("/", headers={"host": "[::1]:8765"}).status_code == 200


def test_non_loopback_bind_needs_the_token(home, tmp_path):
    from dunguard.web import Settings, create_app

    with pytest.raises(ValueError):
        create_app(Settings(host="0.0.0.0"))  # never without a token
    c = make_client(tmp_path, host="0.0.0.0", token="s3cret-token-value")
    r = c.get("/")
    assert r.status_code == 401 and "访问口令" in r.text
    assert c.get("/?token=wrong").status_code == 401
    r = c.get("/?token=s3cret-token-value")
    assert r.status_code == 303 and r.headers["location"] == "/"
    assert "HttpOnly" in r.headers["set-cookie"]
    assert c.get("/").status_code == 200  # the cookie now carries it
    fresh = make_client(tmp_path, host="0.0.0.0", token="s3cret-token-value")
    assert fresh.get("/", headers={"authorization": "Bearer s3cret-token-value"}).status_code == 200
    assert fresh.get("/", headers={"host": "192.168.1.5:8765",
                                   "authorization": "Bearer s3cret-token-value"}).status_code == 200  # fmt: skip


# ---------------------------------------------------------------------- errors


def test_errors_are_plain_sentences_never_tracebacks(client, home, monkeypatch):
    r = client.get("/cases/%E6%B2%A1%E6%9C%89/")
    assert r.status_code == 404 and "找不到案件「没有」" in r.text
    assert client.get("/no/such/page").status_code == 404
    assert "不接受这种请求" in client.delete("/").text
    import dunguard.web.routes.start as start

    def boom() -> None:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(start, "list_cases", boom)
    r = client.get("/")
    assert r.status_code == 500
    assert "出了意外的错误" in r.text
    assert "Traceback" not in r.text and "secret internal detail" not in r.text
    assert client.get("/?format=json").json()["error"] == "internal"


def test_json_errors_carry_a_code(client, home):
    r = client.get("/cases/%E6%B2%A1%E6%9C%89/?format=json")
    assert r.status_code == 404 and r.json()["error"] == "not_found"
