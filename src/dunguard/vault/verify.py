"""Recompute everything a case (or a bundle) claims, and name whatever no longer matches.

The chain checked: every blob's bytes hash to its name; every record hashes to its stored
record hash; each ``records_imported`` event's count and digest match the records that name
it; each ``analysis_run`` event matches its stored results; each ``file_added`` event matches
its source; the events hash to the stored leaves; and the leaves give every stored tree head.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from dunguard.vault.blobs import BlobStore, sha256_file
from dunguard.vault.merkle import MerkleTree, leaf_hash
from dunguard.vault.records import ListHash, canonical_bytes, record_hash
from dunguard.vault.store import Store

MAX_LISTED = 50  # per kind; the rest are counted, not listed


@dataclass
class Issue:
    kind: str  # blob | record | event | checkpoint | source | analysis | file | database
    item: str
    message: str

    def __str__(self) -> str:
        return f"{self.item}：{self.message}"


@dataclass
class VerifyReport:
    target: str
    kind: str  # "case" | "bundle"
    issues: list[Issue] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)
    tree_size: int = 0
    root: str = ""
    _per_kind: dict[str, int] = field(default_factory=lambda: defaultdict(int), repr=False)

    @property
    def ok(self) -> bool:
        return not self.issues

    def add(self, kind: str, item: str, message: str) -> None:
        self._per_kind[kind] += 1
        n = self._per_kind[kind]
        if n <= MAX_LISTED:
            self.issues.append(Issue(kind, item, message))
        elif n == MAX_LISTED + 1:
            self.issues.append(
                Issue(kind, "……", f"还有更多同类问题（{kind}），只列出前 {MAX_LISTED} 个。")
            )

    def to_json(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "kind": self.kind,
            "ok": self.ok,
            "issues": [asdict(i) for i in self.issues],
            "notes": self.notes,
            "checked": self.checked,
            "tree_size": self.tree_size,
            "root": self.root,
        }


class LogAudit:
    """Checks the event log and everything the events commit to; shared by case and bundle."""

    def __init__(self, report: VerifyReport) -> None:
        self.r = report
        self.events: dict[int, dict[str, Any]] = {}
        self.tree = MerkleTree()
        self._imports: dict[tuple[int, str], ListHash] = defaultdict(ListHash)
        self._runs: dict[int, ListHash] = defaultdict(ListHash)
        self._sources: dict[str, dict[str, Any]] = {}

    def check_events(self, rows: list[tuple[int, str, str | None]]) -> MerkleTree:
        """``rows``: (seq, canonical JSON, stored leaf hash or None); returns the real tree."""
        for pos, (seq, data, stored) in enumerate(rows):
            item = f"日志第 {seq} 条"
            if seq != pos:
                self.r.add(
                    "event", item, f"日志序号不连续（应为第 {pos} 条），有条目被删除或插入。"
                )
            lh = leaf_hash(data.encode("utf-8"))
            self.tree.append_hash(lh)
            if stored is not None and stored != lh.hex():
                self.r.add("event", item, "内容与登记的哈希不符，这条日志被改动过。")
            try:
                ev = json.loads(data)
            except ValueError:
                self.r.add("event", item, "内容不是有效的 JSON，已损坏。")
                continue
            if not isinstance(ev, dict) or ev.get("seq") != seq:
                self.r.add("event", item, "内容里的序号与位置不符。")
                continue
            self.events[seq] = ev
        self.r.checked["events"] = len(rows)
        self.r.tree_size = len(self.tree)
        self.r.root = self.tree.root().hex()
        return self.tree

    def check_checkpoints(self, rows: list[tuple[int, str]]) -> None:
        sizes = set()
        for size, root in rows:
            sizes.add(size)
            item = f"检查点（日志长度 {size}）"
            if size > len(self.tree):
                self.r.add(
                    "checkpoint",
                    item,
                    f"登记的日志长度超过现有的 {len(self.tree)} 条，日志末尾有条目被删除。",
                )
            elif self.tree.root(size).hex() != root:
                self.r.add("checkpoint", item, "登记的根哈希与重新计算的不符，日志被改动过。")
        missing = [n for n in range(1, len(self.tree) + 1) if n not in sizes]
        if missing:
            self.r.add(
                "checkpoint", f"检查点（日志长度 {missing[0]}）", f"缺少 {len(missing)} 个检查点。"
            )
        self.r.checked["checkpoints"] = len(rows)

    def add_record(self, import_seq: int, kind: str, rhash: str) -> None:
        """Records must be added in import order (rowid), per kind."""
        self._imports[(import_seq, kind)].add(rhash)

    def add_result(self, run_seq: int, rhash: str) -> None:
        self._runs[run_seq].add(rhash)

    def add_source(self, sha: str, info: dict[str, Any]) -> None:
        self._sources[sha] = info

    def finish(self) -> None:
        seen_imports, seen_runs, seen_sources = set(), set(), set()
        for seq, ev in sorted(self.events.items()):
            t = ev.get("type")
            item = f"日志第 {seq} 条（{ev.get('name') or t}）"
            if t == "records_imported":
                seen_imports.add(seq)
                for kind, word in (("message", "messages"), ("call", "calls")):
                    got = self._imports.get((seq, kind)) or ListHash()
                    label = "消息" if kind == "message" else "通话"
                    if got.count != ev.get(word):
                        self.r.add(
                            "event",
                            item,
                            f"登记导入 {ev.get(word)} 条{label}，现在有 {got.count} 条。",
                        )
                    elif got.hexdigest() != ev.get(f"{word}_hash"):
                        self.r.add(
                            "event", item, f"这次导入的{label}与登记的摘要不符，有记录被改动过。"
                        )
            elif t == "analysis_run":
                seen_runs.add(seq)
                got = self._runs.get(seq) or ListHash()
                if got.count != ev.get("count"):
                    self.r.add(
                        "analysis", item, f"登记分析 {ev.get('count')} 条，现在有 {got.count} 条。"
                    )
                elif got.hexdigest() != ev.get("results_hash"):
                    self.r.add("analysis", item, "分析结果与登记的摘要不符，被改动过。")
            elif t == "file_added":
                sha = ev.get("sha256")
                seen_sources.add(sha)
                src = self._sources.get(sha)
                if src is None:
                    self.r.add("source", item, f"原件 {sha} 不见了。")
                elif (src.get("name"), src.get("size")) != (ev.get("name"), ev.get("size")):
                    self.r.add("source", item, "原件的名称或大小与日志登记的不符。")
        for seq, kind in sorted(k for k in self._imports if k[0] not in seen_imports):
            n = self._imports[(seq, kind)].count
            self.r.add(
                "record",
                f"导入批次 {seq}",
                f"有 {n} 条记录不属于日志里的任何一次导入，是后来加进去的。",
            )
        for seq in sorted(set(self._runs) - seen_runs):
            self.r.add("analysis", f"分析批次 {seq}", "有分析结果不属于日志里的任何一次分析。")
        for sha in sorted(set(self._sources) - seen_sources):
            self.r.add(
                "source",
                f"原件 {self._sources[sha].get('name')}（{sha[:12]}…）",
                "日志里没有登记这个原件。",
            )


def verify_case(store: Store, blobs: BlobStore, target: str) -> VerifyReport:
    rep = VerifyReport(target=target, kind="case")
    ok = store.conn.execute("PRAGMA quick_check").fetchone()[0]
    if ok != "ok":
        rep.add("database", "case.db", f"数据库文件本身损坏：{ok}")

    audit = LogAudit(rep)
    audit.check_events([(r["seq"], r["data"], r["leaf_hash"]) for r in store.events()])
    audit.check_checkpoints([(r["size"], r["root"]) for r in store.checkpoints()])

    # Blobs: bytes against names, sizes against the table, and strays on disk.
    users: dict[str, str] = {}
    sources: set[str] = set()
    for s in store.sources():
        sources.add(s["sha256"])
        users[s["sha256"]] = f"原件 {s['name']}"
        audit.add_source(s["sha256"], {"name": s["name"], "size": s["size"]})
    for sha, name, rid in store.conn.execute(
        "SELECT blob_sha256, name, min(record_id) FROM record_attachments GROUP BY blob_sha256"
    ):
        users.setdefault(sha, f"附件 {name}（消息 {rid}）")
    registered = {}
    for b in store.blobs():
        sha, size = b["sha256"], b["size"]
        registered[sha] = size
        p = blobs.path(sha)
        item = f"{users.get(sha, '文件')}（blobs/{sha[:2]}/{sha[2:]}）"
        if not p.is_file():
            rep.add("blob", item, "文件不见了。")
            continue
        got, got_size = sha256_file(p)
        if got != sha:
            rep.add("blob", item, "内容与它的 SHA-256 名称不符，文件被改动过。")
        elif got_size != size:
            rep.add("blob", item, f"大小与登记的不符（{got_size} ≠ {size}）。")
    stray = [name for name, _ in blobs.iter_files() if name not in registered]
    if stray:
        rep.notes.append(
            f"blobs/ 里有 {len(stray)} 个没有登记的文件（可能是被中断的导入留下的，不影响证据）。"
        )
    rep.checked["blobs"] = len(registered)

    # Records: each against its own hash, then (through the audit) against the log.
    n = 0
    for row, stored, import_seq in store.iter_records():
        n += 1
        h = record_hash(row)
        if h != stored:
            loc = row.get("locator") or {}
            src = users.get(row["source_sha256"], "原件")  # sources are named "原件 …"
            rep.add(
                "record",
                f"记录 {row['id']}",
                f"内容与登记的哈希不符，被改动过（来自 {src}，{loc.get('value', '')}）。",
            )
        for a in row["attachments"]:
            if registered.get(a["sha256"]) != a["size"]:
                rep.add(
                    "record", f"记录 {row['id']}", f"附件 {a['name']} 的文件没有登记或大小不符。"
                )
        if row["source_sha256"] not in sources:
            rep.add("record", f"记录 {row['id']}", "它的原件没有登记。")
        # The log is checked against the stored hash: a record already named above is not
        # named a second time through its import event.
        audit.add_record(import_seq, row["kind"], stored)
    rep.checked["records"] = n

    m = 0
    for a in store.iter_analyses():
        m += 1
        h = hashlib.sha256(a["result"].encode("utf-8")).hexdigest()
        res = json.loads(a["result"])
        derived = (res.get("id"), res.get("category"), res.get("stage"))
        if (
            h != a["result_hash"]
            or derived != (a["record_id"], a["category"], a["stage"])
            or bytes(canonical_bytes(res.get("tactics") or [])) != a["tactics"].encode("utf-8")
        ):
            rep.add("analysis", f"消息 {a['record_id']} 的分析结果", "与登记的哈希不符，被改动过。")
        audit.add_result(a["run_seq"], a["result_hash"])
    rep.checked["analyses"] = m
    check_debts(store, audit.events, rep)
    audit.finish()
    return rep


def check_debts(store: Store, events: dict[int, dict[str, Any]], rep: VerifyReport) -> None:
    """The debts table against the log: each row's data against its hash, that hash against
    the ``debt_saved`` event it names (which must be that debt's latest), removals likewise."""
    saved: dict[str, tuple[int, str]] = {}  # debt id → (seq, hash) of its latest version
    removed: dict[str, int] = {}
    for seq, ev in sorted(events.items()):
        if ev.get("type") == "debt_saved":
            debt = ev.get("debt") or {}
            did = str(debt.get("id"))
            h = hashlib.sha256(canonical_bytes(debt)).hexdigest()
            if h != ev.get("debt_hash"):
                rep.add("debt", f"日志第 {seq} 条（债务 {did}）", "登记的债务内容与它的哈希不符。")
            saved[did] = (seq, str(ev.get("debt_hash")))
            removed.pop(did, None)
        elif ev.get("type") == "debt_removed":
            removed[str(ev.get("debt_id"))] = seq
    has_table = store.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'debts'"
    ).fetchone()
    rows = (
        store.conn.execute("SELECT id, data, data_hash, event_seq, removed_seq FROM debts").fetchall()
        if has_table
        else []
    )
    seen = set()
    for did, data, dhash, event_seq, removed_seq in rows:
        seen.add(did)
        item = f"债务 {did}"
        if hashlib.sha256(data.encode("utf-8")).hexdigest() != dhash:
            rep.add("debt", item, "内容与登记的哈希不符，被改动过。")
        elif did not in saved:
            rep.add("debt", item, "日志里没有登记过这笔债务，是后来加进去的。")
        elif (event_seq, dhash) != saved[did]:
            rep.add("debt", item, "与日志里最后一次登记的内容不符。")
        if removed_seq != removed.get(did):
            rep.add("debt", item, "删除状态与日志不符。")
    for did in sorted(set(saved) - seen):
        rep.add("debt", f"债务 {did}", "日志里登记过，但债务表里不见了。")
    rep.checked["debts"] = len(rows)
