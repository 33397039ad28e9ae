"""Export bundles: checkable with sha256sum alone and fully with verify; tampering is named."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from vault_helpers import SAMPLE, LineReader, write_lines

from dunguard.case import Case, open_case, verify_bundle
from dunguard.errors import InputError
from fixtures import make_exports


@pytest.fixture
def bundle(case: Case, tmp_path: Path) -> Path:
    case.import_files([write_lines(tmp_path / "a.txt", SAMPLE)], reader=LineReader())
    case.import_files([make_exports.write_sbr(tmp_path), make_exports.write_sbr_calls(tmp_path)])
    m = next(iter(case.messages()))
    case.store_analysis(
        [{"id": m.id, "category": "other", "stage": None, "tactics": [], "findings": []}], "pack"
    )
    return case.export_bundle(tmp_path / "证据包.zip")


def _rewrite(src: Path, dst: Path, arc: str, change: Callable[[bytes], bytes] | None) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == arc:
                if change is None:
                    continue
                data = change(data)
            zout.writestr(info.filename, data)
    return dst


def test_bundle_holds_everything_listed(bundle: Path, case: Case) -> None:
    with zipfile.ZipFile(bundle) as z:
        names = set(z.namelist())
        manifest = json.loads(z.read("manifest.json"))
        events = [json.loads(line) for line in z.read("log/events.jsonl").splitlines()]
        readme = z.read("README.txt").decode("utf-8")
    for arc in (
        "records/messages.jsonl",
        "records/messages.csv",
        "records/calls.jsonl",
        "records/calls.csv",
        "records/analyses.jsonl",
        "log/events.jsonl",
        "log/tree_head.json",
        "manifest.json",
        "SHA256SUMS",
        "README.txt",
    ):
        assert arc in names
    assert sum(n.startswith("originals/") for n in names) == 3
    assert sum(n.startswith("attachments/") for n in names) == 2  # the test MMS and the PNG
    custody = {c["name"]: c for c in manifest["chain_of_custody"]}
    assert custody["a.txt"]["imported_from"].endswith("a.txt") and custody["a.txt"]["imported_at"]
    assert manifest["tool_version"] and manifest["tree_head"]["size"] == len(events)
    assert events[-1]["event"]["type"] == "export_made"
    assert case.events()[-1]["type"] == "export_made"  # exporting is itself logged
    assert "sha256sum -c SHA256SUMS" in readme and "dunguard verify" in readme


def test_sha256sum_alone_checks_the_unzipped_bundle(bundle: Path, tmp_path: Path) -> None:
    if not shutil.which("sha256sum"):
        pytest.skip("sha256sum not installed")
    out = tmp_path / "unzipped"
    with zipfile.ZipFile(bundle) as z:
        z.extractall(out)
    ok = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=out, capture_output=True)
    assert ok.returncode == 0, ok.stdout
    target = next((out / "records").glob("messages.csv"))
    target.write_bytes(target.read_bytes().replace("家人".encode(), "朋友".encode()))
    bad = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=out, capture_output=True)
    assert bad.returncode == 1 and b"records/messages.csv: FAILED" in bad.stdout


def test_untouched_bundle_verifies_and_matches_the_case(bundle: Path, case: Case) -> None:
    r = verify_bundle(bundle, case=case)
    assert r.ok, r.issues
    assert r.root == case.tree_head()["root"] and r.checked["records"] == 22
    assert "延续" in r.notes[0]


@pytest.mark.parametrize(
    ("arc_glob", "old", "new", "expect"),
    [
        ("records/messages.jsonl", "家人", "朋友", "records/messages.jsonl"),
        ("records/calls.csv", "收到", "发出", "records/calls.csv"),
        ("originals/*/a.txt", "逾期3天", "逾期4天", "a.txt"),
        ("attachments/*.png", None, None, "attachments/"),
        ("log/events.jsonl", '"a.txt"', '"b.txt"', "log/events.jsonl"),
        ("manifest.json", "a.txt", "b.txt", "manifest.json"),
        ("README.txt", "案件", "桉件", "README.txt"),
    ],
)
def test_a_changed_file_in_the_bundle_is_named(bundle, tmp_path, arc_glob, old, new, expect):
    with zipfile.ZipFile(bundle) as z:
        arc = next(n for n in z.namelist() if Path(n).match(arc_glob))

    def change(b: bytes) -> bytes:
        if old is None:
            return b[:-1] + bytes([b[-1] ^ 1])
        assert old.encode() in b
        return b.replace(old.encode(), new.encode(), 1)

    r = verify_bundle(_rewrite(bundle, tmp_path / "t.zip", arc, change))
    assert not r.ok
    assert any(expect in i.item for i in r.issues), r.issues


def test_a_record_changed_consistently_everywhere_but_the_log_is_caught(bundle, tmp_path) -> None:
    """Rewrite a record, its hash, SHA256SUMS and manifest: the log's digest still differs."""
    import hashlib

    from dunguard.vault.records import record_hash

    work = tmp_path / "w"
    with zipfile.ZipFile(bundle) as z:
        z.extractall(work)
    lines = (work / "records/messages.jsonl").read_text("utf-8").splitlines()
    rec = json.loads(lines[0])
    rec["body"] = "伪造的内容"
    rec.pop("record_hash")
    seq = rec.pop("import_event")
    rec |= {"record_hash": record_hash(rec), "import_event": seq}
    lines[0] = json.dumps(rec, ensure_ascii=False, sort_keys=True)
    (work / "records/messages.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    files = sorted(p for p in work.rglob("*") if p.is_file() and p.name != "SHA256SUMS")
    sums = {
        p.relative_to(work).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in files
    }
    m = json.loads((work / "manifest.json").read_text("utf-8"))
    m["files"] = [{"path": p, "sha256": h} for p, h in sorted(sums.items()) if p != "manifest.json"]
    (work / "manifest.json").write_text(json.dumps(m, ensure_ascii=False), "utf-8")
    sums["manifest.json"] = hashlib.sha256((work / "manifest.json").read_bytes()).hexdigest()
    (work / "SHA256SUMS").write_text("".join(f"{h}  {p}\n" for p, h in sorted(sums.items())))
    forged = tmp_path / "forged.zip"
    with zipfile.ZipFile(forged, "w") as z:
        for p in sorted(work.rglob("*")):
            if p.is_file():
                z.write(p, p.relative_to(work).as_posix())
    r = verify_bundle(forged)
    assert not r.ok
    kinds = {i.kind for i in r.issues}
    assert "event" in kinds  # the import event's digest and the export's content hash


def test_an_added_or_removed_file_is_named(bundle: Path, tmp_path: Path) -> None:
    removed = _rewrite(bundle, tmp_path / "r.zip", "records/calls.csv", None)
    assert any(i.item == "records/calls.csv" for i in verify_bundle(removed).issues)
    added = tmp_path / "a.zip"
    shutil.copy(bundle, added)
    with zipfile.ZipFile(added, "a") as z:
        z.writestr("records/extra.txt", "多出来的文件")
    assert any(i.item == "records/extra.txt" for i in verify_bundle(added).issues)


def test_a_truncated_zip_is_named(bundle: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.zip"
    cut.write_bytes(bundle.read_bytes()[: bundle.stat().st_size // 2])
    r = verify_bundle(cut)
    assert not r.ok


def test_case_log_rewritten_after_export_is_caught_against_the_bundle(
    bundle: Path, case: Case
) -> None:
    import sqlite3

    from dunguard.vault.merkle import leaf_hash

    data = case.store.events()[1]["data"].replace('"a.txt"', '"b.txt"')
    db = case.path / "case.db"
    case.close()
    con = sqlite3.connect(db)
    con.execute(
        "UPDATE events SET data = ?, leaf_hash = ? WHERE seq = 1",
        (data, leaf_hash(data.encode()).hex()),
    )
    con.commit()
    con.close()
    with open_case(case.name) as c:
        r = verify_bundle(bundle, case=c)
    assert any("案件日志被改写过" in i.message for i in r.issues)


def test_export_refuses_to_overwrite(bundle: Path, case: Case) -> None:
    with pytest.raises(InputError, match="已经存在"):
        case.export_bundle(bundle)


def test_a_bundle_with_unsafe_paths_is_refused(bundle: Path, tmp_path: Path) -> None:
    evil = tmp_path / "evil.zip"
    shutil.copy(bundle, evil)
    with zipfile.ZipFile(evil, "a") as z:
        z.writestr("../../etc/passwd", "x")
    assert any("路径不安全" in i.message for i in verify_bundle(evil).issues)
