"""The case API every face calls: create, open, import, verify, export, analysis storage.

A thin layer over :mod:`dunguard.vault` (storage, log, bundles) and :mod:`dunguard.ingest`
(readers). A case is one folder, ``<data home>/cases/NAME/``::

    case.db        SQLite store (records, sources, analyses, the event log, tree heads)
    blobs/ab/cd…   originals and media, content-addressed, read-only
    tmp/           temporary files and the journal of a running import
    lock           held by whichever process is writing
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dunguard import __version__
from dunguard.errors import CaseError, InputError
from dunguard.ingest import Reader
from dunguard.model import Analysis, Call, Message
from dunguard.vault.blobs import BlobStore
from dunguard.vault.importer import FileReport, ImportReport, ProgressFn, run_import
from dunguard.vault.location import case_dir, cases_root, check_name, make_private_dir
from dunguard.vault.lock import CaseLock
from dunguard.vault.records import canonical_json, from_row
from dunguard.vault.store import Store, utc_now
from dunguard.vault.verify import Issue, VerifyReport, verify_case

if TYPE_CHECKING:
    from dunguard.text.engine import Engine
    from dunguard.timeline import CaseSummary, ThirdPartyReport

__all__ = [
    "Case",
    "CaseInfo",
    "FileReport",
    "ImportReport",
    "Issue",
    "VerifyReport",
    "create_case",
    "list_cases",
    "open_case",
    "verify_bundle",
]

DB_NAME = "case.db"


@dataclass
class CaseInfo:
    name: str
    path: str
    created_at: str | None
    counts: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "path": self.path, "created_at": self.created_at, **self.counts}


class Case:
    """One open case. Use as a context manager, or call :meth:`close`."""

    def __init__(self, name: str, path: Path) -> None:
        self.name = name
        self.path = path
        self.store = Store(path / DB_NAME)
        self.blobs = BlobStore(path / "blobs", path / "tmp", path / "tmp" / "import.journal")
        self._lock = CaseLock(path / "lock")
        if self.blobs.journal_path.exists() and self._lock.acquire(wait_s=0):
            try:  # an import was killed: take back the blobs it left
                self.blobs.recover(self.store.has_blob)
            finally:
                self._lock.release()

    def __enter__(self) -> Case:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def _writing(self) -> CaseLock:
        lock = CaseLock(self.path / "lock")
        if not lock.acquire():
            raise CaseError(f"案件「{self.name}」正被另一个 dunguard 程序写入，请等它结束后再试。")
        self.blobs.recover(self.store.has_blob)
        return lock

    # ------------------------------------------------------------------ import

    def import_files(
        self,
        paths: Iterable[Path | str],
        *,
        salvage: bool = False,
        mapping: dict[str, str] | None = None,
        progress: ProgressFn | None = None,
        reader: Reader | None = None,
        names: dict[str, str] | None = None,
    ) -> ImportReport:
        """Import phone exports all-or-nothing; ``reader`` forces one format for every file;
        ``names`` gives the name the user knows a file by, when it was saved under another."""
        lock = self._writing()
        try:
            return run_import(
                self.store,
                self.blobs,
                list(paths),
                salvage=salvage,
                mapping=mapping,
                progress=progress,
                reader=reader,
                names=names,
            )
        finally:
            lock.release()

    # ------------------------------------------------------------------ reading

    def messages(self) -> Iterator[Message]:
        """Every message, oldest first (records without a time come first)."""
        for row, _, _ in self.store.iter_records("message", order="time"):
            rec = from_row(row)
            assert isinstance(rec, Message)
            yield rec

    def calls(self) -> Iterator[Call]:
        for row, _, _ in self.store.iter_records("call", order="time"):
            rec = from_row(row)
            assert isinstance(rec, Call)
            yield rec

    def records(self, kind: str | None = None) -> Iterator[dict[str, Any]]:
        """Canonical record dicts (what the bundle exports), oldest first."""
        for row, _, _ in self.store.iter_records(kind, order="time"):
            yield row

    def record(self, rid: str) -> dict[str, Any] | None:
        return self.store.get_record(rid)

    def counts(self) -> dict[str, int]:
        return self.store.counts()

    def tree_head(self) -> dict[str, Any]:
        return self.store.tree_head()

    def events(self) -> list[dict[str, Any]]:
        import json

        return [json.loads(r["data"]) for r in self.store.events()]

    def sources(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.store.sources()]

    def blob_path(self, sha256: str) -> Path:
        return self.blobs.path(sha256)

    # ------------------------------------------------------------------ analysis

    def store_analysis(
        self, results: Iterable[dict[str, Any] | Analysis], rule_pack_hash: str
    ) -> int:
        """Store one analysis run (taxonomy.md §4 objects, ``id`` = message id) as a logged
        event; returns the event's number in the log."""
        from dunguard.vault.records import ListHash

        items = [r.to_json() if isinstance(r, Analysis) else dict(r) for r in results]
        lock = self._writing()
        try:
            with self.store.transaction():
                seq = self.store.next_seq()
                at = utc_now()
                lh = ListHash()
                seen: set[str] = set()
                for res in items:
                    rid = res.get("id")
                    if not isinstance(rid, str) or not self.store.record_exists(rid):
                        raise InputError(f"分析结果指向不存在的消息 {rid!r}。")
                    if rid in seen:
                        raise InputError(f"同一次分析里消息 {rid} 出现了两次。")
                    seen.add(rid)
                    data = canonical_json(res)
                    h = hashlib.sha256(data.encode("utf-8")).hexdigest()
                    self.store.add_analysis(seq, res, h, rule_pack_hash, at)
                    lh.add(h)
                got, _ = self.store.append_event(
                    "analysis_run",
                    time=at,
                    rule_pack_hash=rule_pack_hash,
                    count=lh.count,
                    results_hash=lh.hexdigest(),
                )
                assert got == seq
            return seq
        finally:
            lock.release()

    def analyses(self) -> Iterator[dict[str, Any]]:
        """The latest stored analysis of each analysed message."""
        return self.store.latest_analyses()

    # ------------------------------------------------------------------ debts

    def save_debt(self, debt: Any) -> tuple[str, int]:
        """Add or update a debt (a :class:`dunguard.money.Debt` or its JSON), logged as a
        ``debt_saved`` event carrying the whole record; returns (debt id, event number)."""
        from dunguard.money.debt import Debt

        d = debt if isinstance(debt, Debt) else Debt.from_json(debt)
        lock = self._writing()
        try:
            with self.store.transaction():
                if not d.id:
                    taken = {x["id"] for x in self.store.debts()}
                    n = len(taken) + 1
                    while f"d{n}" in taken:
                        n += 1
                    d = d.with_id(f"d{n}")
                data = d.to_json()
                text = canonical_json(data)
                h = hashlib.sha256(text.encode("utf-8")).hexdigest()
                seq, _ = self.store.append_event("debt_saved", debt=data, debt_hash=h)
                self.store.put_debt(d.id, text, h, seq)
            return d.id, seq
        finally:
            lock.release()

    def remove_debt(self, debt_id: str) -> int:
        """Remove a debt from the current list (its history stays in the log)."""
        lock = self._writing()
        try:
            with self.store.transaction():
                seq = self.store.next_seq()
                if not self.store.remove_debt(debt_id, seq):
                    raise InputError(f"案件里没有编号为“{debt_id}”的债务。")
                got, _ = self.store.append_event("debt_removed", debt_id=debt_id)
                assert got == seq
            return seq
        finally:
            lock.release()

    def save_budget(self, budget: Any) -> int:
        """Record the household budget (a :class:`dunguard.money.Budget` or its JSON) as a
        ``budget_saved`` event; the latest one is the case's budget. Returns the event number."""
        from dunguard.money.plan import Budget

        b = budget if isinstance(budget, Budget) else Budget.from_json(budget)
        return self._log("budget_saved", budget=b.to_json())

    def budget(self) -> Any:
        """The case's latest budget (:class:`dunguard.money.Budget`), or ``None``."""
        from dunguard.money.plan import Budget

        latest = None
        for e in self.events():
            if e["type"] == "budget_saved":
                latest = e["budget"]
        return None if latest is None else Budget.from_json(latest)

    def debts(self) -> list[Any]:
        """The case's current debts as :class:`dunguard.money.Debt`."""
        from dunguard.money.debt import Debt

        return [Debt.from_json(d) for d in self.store.debts()]

    # ------------------------------------------------------------------ what the user tells us

    def _log(self, etype: str, **fields: Any) -> int:
        lock = self._writing()
        try:
            with self.store.transaction():
                seq, _ = self.store.append_event(etype, **fields)
            return seq
        finally:
            lock.release()

    def tag_number(self, number: str, lender: str) -> int:
        """Record (in the log) that ``number`` belongs to ``lender``; the latest tag wins."""
        from dunguard.timeline import normalize_number

        n = normalize_number(number)
        if not n or not lender.strip():
            raise InputError("请给出号码和它所属的催收方名称。")
        return self._log("number_tagged", number=n, lender=lender.strip())

    def number_tags(self) -> dict[str, str]:
        return {e["number"]: e["lender"] for e in self.events() if e["type"] == "number_tagged"}

    def report_third_party(
        self, day: date, lender: str, who: str, how: str = "", note: str = ""
    ) -> int:
        """Record the user's report that ``lender`` contacted someone else (``who``) on ``day``."""
        if not lender.strip() or not who.strip():
            raise InputError("请写明是哪个催收方、联系了谁。")
        return self._log(
            "third_party_reported",
            day=day.isoformat(),
            lender=lender.strip(),
            who=who.strip(),
            how=how.strip(),
            note=note.strip(),
        )

    def third_party_reports(self) -> list[ThirdPartyReport]:
        from dunguard.timeline import ThirdPartyReport

        return [
            ThirdPartyReport(
                f"report:{e['seq']}", date.fromisoformat(e["day"]), e["lender"], e["who"],
                e.get("how", ""), e.get("note", ""),
            )
            for e in self.events()
            if e["type"] == "third_party_reported"
        ]

    # ------------------------------------------------------------------ where the user stands

    def analyze_messages(self, engine: Engine | None = None) -> tuple[list[Message], dict[str, Analysis]]:
        """Every message (oldest first) and its fresh analysis with the current rules, by id;
        nothing is written (``store_analysis`` logs a run)."""
        from dunguard.text.engine import Engine

        engine = engine or Engine.default()
        msgs = list(self.messages())
        return msgs, {
            m.id: engine.analyze(m.text, id=m.id, sent_at=m.time.as_source() if m.time else None,
                                 direction=m.direction)
            for m in msgs
        }

    def summary(self, engine: Engine | None = None, *, today: date | None = None) -> CaseSummary:
        """Lenders, escalation paths, contact patterns and case findings (taxonomy.md §5).

        The messages are analysed afresh with the current rules (nothing is written); stored
        analyses stay as the logged record of what earlier runs said."""
        from dunguard.timeline import summarize

        msgs, analyses = self.analyze_messages(engine)
        return summarize(
            msgs,
            self.calls(),
            analyses,
            tags=self.number_tags(),
            reports=self.third_party_reports(),
            today=today,
        )

    # ------------------------------------------------------------------ integrity

    def verify(self) -> VerifyReport:
        self.store.conn.execute("BEGIN")  # one consistent snapshot while checking
        try:
            return verify_case(self.store, self.blobs, target=self.name)
        finally:
            self.store.conn.execute("ROLLBACK")

    def export_bundle(self, out: Path | str) -> Path:
        from dunguard.vault.bundle import export_bundle

        lock = self._writing()
        try:
            return export_bundle(self, Path(out))
        finally:
            lock.release()


def create_case(name: str) -> Case:
    name = check_name(name)
    root = cases_root()
    make_private_dir(root)
    dest = root / name
    if dest.exists():
        raise CaseError(f"案件「{name}」已经存在。", file=str(dest))
    # Built in a hidden folder and renamed, so a half-made case never appears in the list.
    work = Path(tempfile.mkdtemp(prefix=".new-", dir=root))
    try:
        os.chmod(work, 0o700)
        for sub in ("blobs", "tmp"):
            make_private_dir(work / sub)
        store = Store(work / DB_NAME)
        try:
            with store.transaction():
                store.conn.execute("INSERT INTO meta VALUES ('name', ?)", (name,))
                store.append_event(
                    "case_created", name=name, tool="dunguard", tool_version=__version__
                )
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            store.close()
        try:
            os.rename(work, dest)
        except OSError:
            raise CaseError(f"案件「{name}」已经存在。", file=str(dest)) from None
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return Case(name, dest)


def open_case(name: str) -> Case:
    path = case_dir(name)
    if not (path / DB_NAME).is_file():
        raise CaseError(
            f"找不到案件「{check_name(name)}」。可以用 dunguard case list 查看已有的案件，或用 dunguard case new 新建。"
        )
    return Case(check_name(name), path)


def list_cases() -> list[CaseInfo]:
    root = cases_root()
    out: list[CaseInfo] = []
    if not root.is_dir():
        return out
    for d in sorted(root.iterdir()):
        if d.name.startswith(".") or not (d / DB_NAME).is_file():
            continue
        with Case(d.name, d) as c:
            created = c.store.conn.execute(
                "SELECT json_extract(data, '$.time') FROM events WHERE seq = 0"
            ).fetchone()
            out.append(CaseInfo(d.name, str(d), created[0] if created else None, c.counts()))
    return out


def verify_bundle(path: Path | str, *, case: Case | None = None) -> VerifyReport:
    """Check an export bundle on its own; with ``case``, also that the case's log extends it."""
    from dunguard.vault.bundle import verify_bundle as _verify

    return _verify(Path(path), case=case)
