"""Uploads: progress and result, file names never used as paths, limits, bad files, and
parallel uploads to one case that leave it whole."""

from __future__ import annotations

import re
import threading
from pathlib import Path
from urllib.parse import quote

import httpx
from web_helpers import TOKEN_RE, csrf, make_client, wait_job

from dunguard.case import create_case, open_case

CASE = quote("上传", safe="")


def _upload(client, token, files, **data):
    return client.post(f"/cases/{CASE}/import", data={"csrf": token, **data},
                       files=[("files", f) for f in files])  # fmt: skip


def test_upload_shows_progress_page_then_result(client, home, demo_export):
    create_case("上传").close()
    token = csrf(client)
    r = _upload(client, token, [(p.name, p.read_bytes(), "text/xml") for p in demo_export])
    assert r.status_code == 303
    loc = r.headers["location"]
    first = client.get(loc)
    assert first.status_code == 200
    job = wait_job(client, loc)
    assert job["state"] == "done", job
    assert job["report"]["totals"]["messages"] == 18 and job["report"]["totals"]["calls"] == 17
    assert job["analysed_messages"] == 18
    done = client.get(loc).text
    assert "导入完成" in done and 'http-equiv="refresh"' not in done
    assert "sms-demo.xml" in done  # the user's own file name, shown
    with open_case("上传") as c:
        assert len(list(c.analyses())) == 18  # stored, as analyze --case would
        assert sorted(s["name"] for s in c.sources()) == sorted(p.name for p in demo_export)
    # the same files again: nothing new, said plainly
    job = wait_job(
        client,
        _upload(client, token, [(p.name, p.read_bytes(), "text/xml") for p in demo_export]).headers[
            "location"
        ],
    )
    assert job["report"]["totals"]["already_imported"] == 2


def test_file_names_are_never_used_as_paths(client, home, tmp_path, demo_export):
    create_case("上传").close()
    evil = "../../../../tmp/evil\u202e.xml"
    job = wait_job(
        client,
        _upload(client, csrf(client), [(evil, demo_export[0].read_bytes(), "text/xml")]).headers[
            "location"
        ],
    )
    assert job["state"] == "done"
    with open_case("上传") as c:
        (src,) = c.sources()
    # the log keeps the name the user knows, made harmless: last part, no bidi characters
    assert src["name"] == "evil.xml"
    assert re.search(r"/upload-1\.xml$", src["path"])  # saved where the server chose
    assert not Path("/tmp/evil\u202e.xml").exists()
    assert job["files"][0]["name"] == "evil\u202e.xml"  # only the last part, for display
    page = client.get(f"/cases/{CASE}/import/{job['id']}").text
    assert "evil[U+202E].xml" in page and "\u202e" not in page
    assert not list((tmp_path / "web" / "uploads").iterdir())  # the saved upload was removed


def test_a_file_that_cannot_be_read_leaves_the_case_unchanged(client, home):
    create_case("上传").close()
    junk = bytes(range(1, 256)) * 8
    r = _upload(client, csrf(client), [("备份.bin", junk, "application/octet-stream")])
    job = wait_job(client, r.headers["location"])
    assert job["state"] == "failed"
    assert "“备份.bin”" in job["error"]  # named as the user knows it
    assert "upload-1" not in job["error"]  # the server's own path is not shown
    with open_case("上传") as c:
        assert c.counts()["messages"] == 0


def test_a_job_the_server_forgot_says_what_became_of_the_import(client, home):
    """After a restart the job list is gone: the page says finished imports are in the case
    and an interrupted one left it unchanged, instead of a bare 404."""
    create_case("上传").close()
    r = client.get(f"/cases/{CASE}/import/0123456789abcdef")
    assert r.status_code == 404
    assert "服务重新启动" in r.text and "案件保持原样" in r.text and "重新上传" in r.text


def test_no_file_and_too_many_files(client, home):
    create_case("上传").close()
    token = csrf(client)
    r = client.post(f"/cases/{CASE}/import", data={"csrf": token})
    assert r.status_code == 400 and "没有收到文件" in r.text
    r = _upload(client, token, [(f"{i}.csv", b"text\nhi\n", "text/csv") for i in range(21)])
    assert r.status_code == 400 and "一次最多上传 20 个文件" in r.text


def test_upload_size_limit(home, tmp_path):
    create_case("上传").close()
    c = make_client(tmp_path, max_upload_mb=1)
    token = csrf(c)
    big = b"text\n" + b"x" * (2 * 1024 * 1024)
    r = _upload(c, token, [("big.csv", big, "text/csv")])
    assert r.status_code == 413 and "上传的内容太大了" in r.text
    assert not list((tmp_path / "web" / "uploads").glob("*/*"))


def test_size_limit_holds_without_content_length(home, tmp_path):
    """A body streamed in chunks (no Content-Length) is counted as it arrives."""
    create_case("上传").close()
    c = make_client(tmp_path, max_upload_mb=1)
    token = csrf(c)
    boundary = "XyZ"

    def body():
        yield (f'--{boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{token}\r\n'
               f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="a.csv"\r\n'
               "Content-Type: text/csv\r\n\r\ntext\n").encode()  # fmt: skip
        for _ in range(40):
            yield b"y" * 65536
        yield f"\r\n--{boundary}--\r\n".encode()

    r = c.post(f"/cases/{CASE}/import", content=body(),
               headers={"content-type": f"multipart/form-data; boundary={boundary}"})  # fmt: skip
    assert r.status_code == 413 and "上传的内容太大了" in r.text


def test_parallel_uploads_to_one_case_do_not_corrupt_it(live, tmp_path, demo_export):
    """Six browsers upload at once to the same case (a real server): every upload is imported,
    each record once, and the case verifies."""
    with httpx.Client(base_url=live.url) as setup:
        token = TOKEN_RE.search(setup.get("/").text).group(1)
        r = setup.post("/cases", data={"name": "并发", "csrf": token})
        assert r.status_code == 303
    extra = []
    for i in range(3):
        p = tmp_path / f"extra{i}.csv"
        p.write_text("text,sender,time\n" + "".join(
            f"第{i}批第{j}条：你的欠款已逾期，请尽快还款,1390000{i:02d}{j:02d},2026-01-{10 + i}T1{j % 10}:00:00+08:00\n"
            for j in range(30)), encoding="utf-8")  # fmt: skip
        extra.append(p)
    uploads = [demo_export, demo_export, [extra[0]], [extra[1]], [extra[2]], [extra[0], extra[1]]]
    results: list[dict] = [{} for _ in uploads]

    def one(i: int, paths: list[Path]) -> None:
        with httpx.Client(base_url=live.url, timeout=60) as c:
            tok = TOKEN_RE.search(c.get("/").text).group(1)
            r = c.post(f"/cases/{quote('并发', safe='')}/import", data={"csrf": tok},
                       files=[("files", (p.name, p.read_bytes())) for p in paths])  # fmt: skip
            assert r.status_code == 303, r.text
            results[i] = wait_job(c, r.headers["location"])

    threads = [threading.Thread(target=one, args=(i, u)) for i, u in enumerate(uploads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert all(r.get("state") == "done" for r in results), results
    totals = [r["report"]["totals"] for r in results]
    assert sum(t["messages"] for t in totals) == 18 + 90  # each record stored exactly once
    assert sum(t["calls"] for t in totals) == 17
    with httpx.Client(base_url=live.url) as c:
        tok = TOKEN_RE.search(c.get("/").text).group(1)
        v = c.post(
            f"/cases/{quote('并发', safe='')}/documents/verify", data={"csrf": tok, "what": "case"}
        )
        assert "✓ 完好" in v.text
        counts = c.get(f"/cases/{quote('并发', safe='')}/import?format=json").json()["counts"]
    assert counts["messages"] == 108 and counts["calls"] == 17
