"""Export bundles (a zip anyone can check with ``sha256sum -c``) and their verification.

Layout::

    originals/<sha256>/<original name>   the phone exports, byte for byte
    attachments/<sha256>.<ext>           MMS media
    records/messages.jsonl|.csv, records/calls.jsonl|.csv, records/analyses.jsonl
    log/events.jsonl                     every event, its leaf hash and inclusion proof
    log/checkpoints.jsonl                every stored tree head and its consistency proof
    log/tree_head.json                   size and root of the log, export event included
    README.txt  manifest.json  SHA256SUMS

JSONL records are in import order (the order the log's digests use); the CSV files, for
people, are in time order with Beijing times.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import mimetypes
import os
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, BinaryIO

from dunguard import __version__
from dunguard.errors import InputError
from dunguard.model import Timestamp
from dunguard.vault.location import FILE_MODE
from dunguard.vault.merkle import verify_consistency, verify_inclusion
from dunguard.vault.readme import readme_text
from dunguard.vault.records import canonical_json, record_hash
from dunguard.vault.verify import LogAudit, VerifyReport

if TYPE_CHECKING:
    from dunguard.case import Case

FORMAT = "dunguard-bundle/1"
DATA_DIRS = ("originals/", "attachments/", "records/")
CHUNK = 1024 * 1024
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')


def safe_name(name: str, fallback: str = "original") -> str:
    n = _UNSAFE.sub("_", PurePosixPath(name.replace("\\", "/")).name).lstrip(".").strip()
    return (n or fallback)[:120]


def listing_hash(files: dict[str, str]) -> str:
    """SHA-256 of ``sha256sum``-style lines for ``files`` (path → hex), sorted by path."""
    text = "".join(f"{h}  {p}\n" for p, h in sorted(files.items()))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class _HashingWriter(io.RawIOBase):
    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.h = hashlib.sha256()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        mv = memoryview(b)
        self.h.update(mv)
        self.size += len(mv)
        self.raw.write(mv)
        return len(mv)


class _Zip:
    """A zip being written, remembering every member's SHA-256."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zf = zf
        self.files: dict[str, str] = {}

    @contextlib.contextmanager
    def binary(
        self, arc: str, *, big: bool = False, store: bool = False
    ) -> Iterator[_HashingWriter]:
        info = zipfile.ZipInfo(arc, date_time=(2000, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_STORED if store else zipfile.ZIP_DEFLATED
        info.external_attr = (0o100644 & 0xFFFF) << 16
        with self.zf.open(info, "w", force_zip64=big) as raw:
            w = _HashingWriter(raw)  # type: ignore[arg-type]
            yield w
        self.files[arc] = w.h.hexdigest()

    @contextlib.contextmanager
    def text(self, arc: str, *, bom: bool = False) -> Iterator[io.TextIOWrapper]:
        with self.binary(arc) as w:
            t = io.TextIOWrapper(
                io.BufferedWriter(w, CHUNK), encoding="utf-8-sig" if bom else "utf-8", newline=""
            )
            yield t
            t.flush()
            t.detach()

    def copy(self, arc: str, src: Path, *, store: bool = False) -> None:
        size = src.stat().st_size
        with self.binary(arc, big=size > (1 << 30), store=store) as w, open(src, "rb") as f:
            while chunk := f.read(CHUNK):
                w.write(chunk)

    def put(self, arc: str, data: bytes) -> None:
        with self.binary(arc) as w:
            w.write(data)


def _ext(content_type: str | None, name: str | None) -> str:
    suffix = PurePosixPath(name or "").suffix.lower()
    if re.fullmatch(r"\.[a-z0-9]{1,5}", suffix):
        return suffix
    return mimetypes.guess_extension(content_type or "") or ""


def _beijing(row: dict[str, Any]) -> str:
    if row.get("utc_ms") is None:
        return ""
    return Timestamp(row["utc_ms"]).as_shanghai().strftime("%Y-%m-%d %H:%M:%S")


_MSG_HEAD = [
    "编号",
    "北京时间",
    "方向",
    "对方号码",
    "发件人",
    "渠道",
    "内容",
    "附件",
    "原件",
    "原件位置",
    "原件SHA-256",
    "记录哈希",
]
_CALL_HEAD = [
    "编号",
    "北京时间",
    "方向",
    "对方号码",
    "类型",
    "时长（秒）",
    "原件",
    "原件位置",
    "原件SHA-256",
    "记录哈希",
]
_DIR = {"in": "收到", "out": "发出", None: ""}


def export_bundle(case: Case, out: Path) -> Path:
    out = out.expanduser().resolve()
    if out.exists():
        raise InputError("这个文件已经存在，不会覆盖它；请换一个文件名。", file=str(out))
    if not out.parent.is_dir():
        raise InputError("要保存证据包的文件夹不存在。", file=str(out.parent))
    store = case.store
    part = out.parent / f".{out.name}.part-{os.getpid()}"
    try:
        with store.transaction():
            sources = [dict(s) for s in store.sources()]
            names = {s["sha256"]: s["name"] for s in sources}
            with zipfile.ZipFile(part, "w", allowZip64=True) as zf:
                z = _Zip(zf)
                custody = []
                for s in sources:
                    arc = f"originals/{s['sha256']}/{safe_name(s['name'])}"
                    z.copy(arc, case.blobs.path(s["sha256"]))
                    custody.append(
                        {
                            "sha256": s["sha256"],
                            "name": s["name"],
                            "bundle_path": arc,
                            "imported_from": s["path"],
                            "imported_at": s["imported_at"],
                            "size": s["size"],
                            "format": s["format"],
                            "log_seq": s["event_seq"],
                        }
                    )
                att_rows = store.conn.execute(
                    "SELECT DISTINCT a.blob_sha256, b.content_type, a.name FROM record_attachments a"
                    " JOIN blobs b ON b.sha256 = a.blob_sha256 GROUP BY a.blob_sha256"
                ).fetchall()
                for sha, ctype, name in att_rows:
                    z.copy(
                        f"attachments/{sha}{_ext(ctype, name)}",
                        case.blobs.path(sha),
                        store=(ctype or "").startswith(("image/", "video/", "audio/")),
                    )
                counts = _write_records(z, case, names)
                content = listing_hash(z.files)
                seq, ev = store.append_event(
                    "export_made",
                    file=out.name,
                    content_sha256=content,
                    files=len(z.files),
                    messages=counts["message"],
                    calls=counts["call"],
                )
                head = _write_log(z, case)
                z.put("README.txt", readme_text(case.name, ev["time"], head).encode("utf-8"))
                manifest = {
                    "format": FORMAT,
                    "tool": "dunguard",
                    "tool_version": __version__,
                    "case": case.name,
                    "exported_at": ev["time"],
                    "export_log_seq": seq,
                    "tree_head": head,
                    "content_sha256": content,
                    "counts": {
                        "messages": counts["message"],
                        "calls": counts["call"],
                        "originals": len(sources),
                        "attachments": len(att_rows),
                    },
                    "chain_of_custody": custody,
                    "files": [{"path": p, "sha256": h} for p, h in sorted(z.files.items())],
                }
                z.put(
                    "manifest.json",
                    json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"),
                )
                sums = "".join(f"{h}  {p}\n" for p, h in sorted(z.files.items()))
                zf.writestr(_info("SHA256SUMS"), sums.encode("utf-8"))
            with open(part, "rb") as f:
                os.fsync(f.fileno())
            os.chmod(part, FILE_MODE)
            os.replace(part, out)
    except BaseException:
        with contextlib.suppress(OSError):
            part.unlink()
        raise
    return out


def _info(arc: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(arc, date_time=(2000, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = (0o100644 & 0xFFFF) << 16
    return info


def _write_records(z: _Zip, case: Case, names: dict[str, str]) -> dict[str, int]:
    counts = {"message": 0, "call": 0}
    for kind, stem in (("message", "messages"), ("call", "calls")):
        with z.text(f"records/{stem}.jsonl") as t:
            for row, rh, seq in case.store.iter_records(kind):
                t.write(
                    json.dumps(
                        row | {"record_hash": rh, "import_event": seq},
                        ensure_ascii=False,
                        sort_keys=True,
                    )
                    + "\n"
                )
                counts[kind] += 1
        with z.text(f"records/{stem}.csv", bom=True) as t:
            w = csv.writer(t)
            w.writerow(_MSG_HEAD if kind == "message" else _CALL_HEAD)
            for row, rh, _ in case.store.iter_records(kind, order="time"):
                loc = (row.get("locator") or {}).get("value", "")
                src = names.get(row["source_sha256"], "")
                if kind == "message":
                    atts = "；".join(f"{a['name']}（{a['sha256']}）" for a in row["attachments"])
                    w.writerow(
                        [
                            row["id"],
                            _beijing(row),
                            _DIR.get(row["direction"], ""),
                            row["counterparty"] or "",
                            row["sender"] or "",
                            row["channel"],
                            row["body"] or "",
                            atts,
                            src,
                            loc,
                            row["source_sha256"],
                            rh,
                        ]
                    )
                else:
                    w.writerow(
                        [
                            row["id"],
                            _beijing(row),
                            _DIR.get(row["direction"], ""),
                            row["counterparty"] or "",
                            row["call_type"] or "",
                            row["duration_s"],
                            src,
                            loc,
                            row["source_sha256"],
                            rh,
                        ]
                    )
    with z.text("records/analyses.jsonl") as t:
        for a in case.store.iter_analyses():
            t.write(
                json.dumps(
                    {
                        "run_event": a["run_seq"],
                        "result": json.loads(a["result"]),
                        "result_hash": a["result_hash"],
                    },
                    ensure_ascii=False,
                    sort_keys=True,
                )
                + "\n"
            )
    return counts


def _write_log(z: _Zip, case: Case) -> dict[str, Any]:
    store = case.store
    tree = store.tree()
    n = len(tree)
    root = tree.root(n)
    with z.text("log/events.jsonl") as t:
        for r in store.events():
            proof = [p.hex() for p in tree.inclusion_proof(r["seq"], n)]
            t.write(
                json.dumps(
                    {
                        "seq": r["seq"],
                        "event": json.loads(r["data"]),
                        "leaf_hash": r["leaf_hash"],
                        "tree_size": n,
                        "inclusion_proof": proof,
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    with z.text("log/checkpoints.jsonl") as t:
        for c in store.checkpoints():
            proof = (
                [p.hex() for p in tree.consistency_proof(c["size"], n)] if c["size"] <= n else []
            )
            t.write(
                json.dumps(
                    {
                        "size": c["size"],
                        "root": c["root"],
                        "time": c["time"],
                        "consistency_proof_to": n,
                        "consistency_proof": proof,
                    }
                )
                + "\n"
            )
    head = {"size": n, "root": root.hex(), "time": store.tree_head()["time"]}
    z.put("log/tree_head.json", json.dumps(head, indent=2).encode("utf-8"))
    return head


# ---------------------------------------------------------------------- verification


def _jsonl(zf: zipfile.ZipFile, arc: str, rep: VerifyReport) -> Iterator[tuple[int, Any]]:
    if arc not in zf.NameToInfo:
        rep.add("file", arc, "证据包里缺少这个文件。")
        return
    with zf.open(arc) as raw:
        for i, line in enumerate(io.TextIOWrapper(raw, encoding="utf-8"), 1):
            if not line.strip():
                continue
            try:
                yield i, json.loads(line)
            except ValueError:
                rep.add("file", f"{arc} 第 {i} 行", "不是有效的 JSON，文件被改动过。")


def _member_hash(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> str | None:
    h = hashlib.sha256()
    try:
        with zf.open(info) as f:
            while chunk := f.read(CHUNK):
                h.update(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error):
        return None
    return h.hexdigest()


def verify_bundle(path: Path, *, case: Case | None = None) -> VerifyReport:
    rep = VerifyReport(target=str(path), kind="bundle")
    if not path.is_file():
        raise InputError("找不到这个证据包。", file=str(path))
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        rep.add("file", path.name, "不是完整的 zip 文件（可能被截断或改动过）。")
        return rep
    with zf:
        _verify_open(zf, rep, case)
    return rep


def _verify_open(zf: zipfile.ZipFile, rep: VerifyReport, case: Case | None) -> None:
    actual: dict[str, str] = {}
    for info in zf.infolist():
        if info.is_dir():
            continue
        name = info.filename
        p = PurePosixPath(name)
        if p.is_absolute() or ".." in p.parts or "\\" in name:
            rep.add("file", name, "路径不安全（绝对路径或含“..”），不是本工具生成的。")
            continue
        h = _member_hash(zf, info)
        if h is None:
            rep.add("file", name, "无法读出（压缩数据损坏，文件被改动过）。")
            continue
        actual[name] = h
    rep.checked["files"] = len(actual)

    # 1. SHA256SUMS: what `sha256sum -c` checks.
    listed: dict[str, str] = {}
    if "SHA256SUMS" not in actual:
        rep.add("file", "SHA256SUMS", "证据包里缺少校验清单。")
    else:
        for line in zf.read("SHA256SUMS").decode("utf-8", "replace").splitlines():
            m = re.fullmatch(r"([0-9a-f]{64}) [ *](.+)", line)
            if m:
                listed[m[2]] = m[1]
            elif line.strip():
                rep.add("file", "SHA256SUMS", f"有一行格式不对：{line[:60]}")
    for arc, h in sorted(listed.items()):
        if arc not in actual:
            rep.add("file", arc, "SHA256SUMS 里登记了它，但证据包里没有。")
        elif actual[arc] != h:
            rep.add("file", arc, "内容与 SHA256SUMS 登记的哈希不符，文件被改动过。")
    for arc in sorted(set(actual) - set(listed) - {"SHA256SUMS"}):
        rep.add("file", arc, "没有登记在 SHA256SUMS 里，是后来加进去的。")

    # 2. manifest.json: the same hashes, the custody chain, the tree head.
    manifest: dict[str, Any] = {}
    try:
        manifest = json.loads(zf.read("manifest.json"))
    except (KeyError, ValueError):
        rep.add("file", "manifest.json", "缺少或无法读取 manifest.json。")
    for f in manifest.get("files", []):
        if actual.get(f.get("path")) != f.get("sha256"):
            rep.add("file", str(f.get("path")), "与 manifest.json 登记的哈希不符或缺失。")

    # 3. The log: leaves, root, inclusion proofs, checkpoints and their consistency proofs.
    audit = LogAudit(rep)
    entries = list(_jsonl(zf, "log/events.jsonl", rep))
    rows = [
        (e.get("seq", -1), canonical_json(e.get("event")), e.get("leaf_hash")) for _, e in entries
    ]
    tree = audit.check_events(rows)
    n, root = len(tree), tree.root()
    head = manifest.get("tree_head") or {}
    try:
        head_file = json.loads(zf.read("log/tree_head.json"))
    except (KeyError, ValueError):
        head_file = {}
        rep.add("file", "log/tree_head.json", "缺少或无法读取日志根哈希。")
    for label, h in (("manifest.json", head), ("log/tree_head.json", head_file)):
        if h and (h.get("size") != n or h.get("root") != root.hex()):
            rep.add("event", label, "登记的日志根哈希与重新计算的不符，日志被改动过。")
    for _, e in entries:
        seq = e.get("seq", -1)
        if not isinstance(seq, int):
            continue
        proof = [bytes.fromhex(p) for p in e.get("inclusion_proof", []) if _hex32(p)]
        lh = bytes.fromhex(e["leaf_hash"]) if _hex32(e.get("leaf_hash")) else b""
        if e.get("tree_size") != n or not verify_inclusion(lh, seq, n, proof, root):
            rep.add("event", f"日志第 {seq} 条", "包含证明无法验证。")
    cps = []
    for i, c in _jsonl(zf, "log/checkpoints.jsonl", rep):
        if not isinstance(c.get("size"), int):
            rep.add("checkpoint", f"log/checkpoints.jsonl 第 {i} 行", "格式不对，文件被改动过。")
            continue
        cps.append((c.get("size", 0), c.get("root", "")))
        proof = [bytes.fromhex(p) for p in c.get("consistency_proof", []) if _hex32(p)]
        if (
            _hex32(c.get("root"))
            and 0 < c["size"] <= n
            and not verify_consistency(c["size"], n, bytes.fromhex(c["root"]), root, proof)
        ):
            rep.add("checkpoint", f"检查点（日志长度 {c['size']}）", "一致性证明无法验证。")
    audit.check_checkpoints(cps)

    # 4. Records, analyses, originals and attachments against what the log committed to.
    att_needed: set[str] = set()
    n_rec = 0
    for stem in ("messages", "calls"):
        arc = f"records/{stem}.jsonl"
        for i, obj in _jsonl(zf, arc, rep):
            n_rec += 1
            stated, seq = obj.pop("record_hash", None), obj.pop("import_event", None)
            h = record_hash(obj)
            if h != stated:
                rep.add(
                    "record",
                    f"记录 {obj.get('id')}（{arc} 第 {i} 行）",
                    "内容与登记的记录哈希不符，被改动过。",
                )
            audit.add_record(
                seq if isinstance(seq, int) else -1,
                obj.get("kind", ""),
                stated if isinstance(stated, str) else h,
            )
            att_needed.update(a.get("sha256") for a in obj.get("attachments") or [])
    rep.checked["records"] = n_rec
    for _, a in _jsonl(zf, "records/analyses.jsonl", rep):
        h = hashlib.sha256(canonical_json(a.get("result")).encode("utf-8")).hexdigest()
        if h != a.get("result_hash"):
            rep.add(
                "analysis",
                f"消息 {(a.get('result') or {}).get('id')} 的分析结果",
                "与登记的哈希不符，被改动过。",
            )
        stated = a.get("result_hash")
        audit.add_result(a.get("run_event", -1), stated if isinstance(stated, str) else h)
    custody = {c.get("sha256"): c for c in manifest.get("chain_of_custody", [])}
    for arc, h in actual.items():
        parts = PurePosixPath(arc).parts
        if parts[0] == "originals" and len(parts) == 3:
            if parts[1] != h:
                rep.add("blob", arc, "原件内容与它的 SHA-256 不符，被改动过。")
            info = custody.get(parts[1], {})
            audit.add_source(
                parts[1], {"name": info.get("name"), "size": zf.getinfo(arc).file_size}
            )
        elif parts[0] == "attachments" and len(parts) == 2:
            sha = parts[1].split(".")[0]
            att_needed.discard(sha)
            if sha != h:
                rep.add("blob", arc, "附件内容与它的 SHA-256 不符，被改动过。")
    for sha in sorted(att_needed):
        rep.add("blob", f"attachments/{sha}", "记录引用的附件在证据包里找不到。")
    audit.finish()

    # 5. The export event commits to every data file present.
    last = audit.events.get(n - 1, {})
    data = {p: h for p, h in actual.items() if p.startswith(DATA_DIRS)}
    if last.get("type") != "export_made":
        rep.add("event", f"日志第 {n - 1} 条", "日志最后一条不是这次导出。")
    elif last.get("content_sha256") != listing_hash(data):
        rep.add("event", f"日志第 {n - 1} 条（导出）", "证据包里的数据文件与导出时登记的不符。")

    if case is not None:
        _against_case(rep, case, n, root)


def _against_case(rep: VerifyReport, case: Case, n: int, root: bytes) -> None:
    tree = case.store.tree()
    size = len(tree)
    if size < n:
        rep.add(
            "event",
            f"案件「{case.name}」",
            f"案件日志只有 {size} 条，比证据包的 {n} 条还少：案件日志被删减过。",
        )
        return
    proof = tree.consistency_proof(n, size)
    if not verify_consistency(n, size, root, tree.root(size), proof):
        rep.add(
            "event",
            f"案件「{case.name}」",
            "案件日志与这个证据包不一致：导出之后，案件日志被改写过。",
        )
    else:
        rep.notes.append(
            f"案件「{case.name}」现在的日志（{size} 条）是这个证据包日志（{n} 条）的延续。"
        )


def _hex32(v: object) -> bool:
    return isinstance(v, str) and len(v) == 64 and all(c in "0123456789abcdef" for c in v)
