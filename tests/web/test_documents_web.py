"""Documents page: report, letters, bundle, verification, downloads by fixed names only."""

from __future__ import annotations

import io
import zipfile
from urllib.parse import quote

from web_helpers import csrf

from dunguard.case import verify_bundle
from dunguard.web.security import REPORT_CSP

CASE = quote("演示", safe="")
DOCS = f"/cases/{CASE}/documents"


def test_report_letter_bundle_and_downloads(client, demo_case, tmp_path):
    token = csrf(client)
    r = client.post(f"{DOCS}/report", data={"csrf": token})  # no "pdf": HTML only, fast
    assert r.status_code == 303 and r.headers["location"].endswith("?done=report")
    r = client.post(f"{DOCS}/letters", data={"csrf": token, "kind": "stop-harassment",
                                             "person_name": "张伟"})  # fmt: skip
    assert r.status_code == 303
    r = client.post(f"{DOCS}/bundle", data={"csrf": token})
    assert r.status_code == 303
    files = {f["name"] for f in client.get(f"{DOCS}?format=json").json()["files"]}
    assert {
        "brief.html",
        "report.html",
        "stop-harassment.docx",
        "stop-harassment.txt",
        "evidence-bundle.zip",
    } <= files

    html = client.get(f"{DOCS}/files/report.html")
    assert html.status_code == 200 and "attachment" in html.headers["content-disposition"]
    view = client.get(f"{DOCS}/files/report.html?view=1")
    assert view.headers["content-security-policy"] == REPORT_CSP  # its inline style, no script
    brief = client.get(f"{DOCS}/files/brief.html?view=1")
    assert brief.headers["content-security-policy"] == REPORT_CSP and "催收情况简报" in brief.text
    docx = client.get(f"{DOCS}/files/stop-harassment.docx")
    assert zipfile.ZipFile(io.BytesIO(docx.content)).testzip() is None
    txt = client.get(f"{DOCS}/files/stop-harassment.txt").text
    assert "张伟" in txt

    bundle = client.get(f"{DOCS}/files/evidence-bundle.zip")
    path = tmp_path / "bundle.zip"
    path.write_bytes(bundle.content)
    assert verify_bundle(path).ok
    # exporting again replaces the earlier bundle
    assert client.post(f"{DOCS}/bundle", data={"csrf": token}).status_code == 303


def test_verify_case_bundle_and_an_uploaded_bundle(client, demo_case, tmp_path):
    token = csrf(client)
    r = client.post(f"{DOCS}/verify", data={"csrf": token, "what": "case"})
    assert r.status_code == 200 and "✓ 完好" in r.text
    r = client.post(f"{DOCS}/verify", data={"csrf": token, "what": "bundle"})
    assert r.status_code == 400 and "还没有导出证据包" in r.text
    client.post(f"{DOCS}/bundle", data={"csrf": token})
    assert "✓ 完好" in client.post(f"{DOCS}/verify", data={"csrf": token, "what": "bundle"}).text
    good = client.get(f"{DOCS}/files/evidence-bundle.zip").content
    r = client.post(f"{DOCS}/verify-upload", data={"csrf": token},
                    files={"bundle": ("我的证据.zip", good, "application/zip")})  # fmt: skip
    assert r.status_code == 200 and "✓ 完好" in r.text
    # a bundle changed after export: the result lists what no longer matches
    src = zipfile.ZipFile(io.BytesIO(good))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.startswith("originals/") and not item.is_dir():
                data = data.replace("上门".encode(), "问候".encode())
            z.writestr(item, data)
    r = client.post(f"{DOCS}/verify-upload", data={"csrf": token},
                    files={"bundle": ("改过的.zip", out.getvalue(), "application/zip")})  # fmt: skip
    assert "✗ 发现" in r.text


def test_downloads_only_by_fixed_names(client, demo_case):
    for name in ("case.db", "..%2Fcase.db", "..%2F..%2F..%2Fetc%2Fpasswd", "report.html%00.txt"):
        r = client.get(f"{DOCS}/files/{name}")
        assert r.status_code == 404, name
        assert "Traceback" not in r.text
    r = client.get(f"{DOCS}/files/report.pdf")
    assert r.status_code == 404 and "还没有生成" in r.text


def test_unknown_letter_kind_is_refused(client, demo_case):
    r = client.post(f"{DOCS}/letters", data={"csrf": csrf(client), "kind": "../../x"})
    assert r.status_code == 400 and "请选择要生成的文书类型" in r.text
