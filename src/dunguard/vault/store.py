"""The case database (stdlib sqlite3, WAL, foreign keys) and its append-only event log.

Tables: ``blobs`` (every stored file), ``sources`` (originals the user imported),
``records`` + ``record_attachments`` (messages and calls in canonical form), ``analyses``
(per message, per analysis run), ``events`` (the Merkle log's leaves) and ``checkpoints``
(the tree head after every event). Writes happen inside :meth:`Store.transaction` only.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dunguard.vault.location import make_private_file
from dunguard.vault.merkle import MerkleTree, leaf_hash
from dunguard.vault.records import canonical_json

SCHEMA_VERSION = "1"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY,           -- leaf index in the Merkle log, from 0
    data TEXT NOT NULL,                -- canonical JSON of the event (the leaf's data)
    leaf_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS checkpoints (
    size INTEGER PRIMARY KEY, root TEXT NOT NULL, time TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS blobs (
    sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, content_type TEXT, added_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sources (
    sha256 TEXT PRIMARY KEY REFERENCES blobs(sha256),
    name TEXT NOT NULL, path TEXT NOT NULL, size INTEGER NOT NULL, format TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    event_seq INTEGER NOT NULL REFERENCES events(seq) DEFERRABLE INITIALLY DEFERRED
);
CREATE TABLE IF NOT EXISTS records (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,           -- content id: the dedup key
    kind TEXT NOT NULL CHECK (kind IN ('message', 'call')),
    channel TEXT NOT NULL, direction TEXT, counterparty TEXT, sender TEXT,
    utc_ms INTEGER, offset_min INTEGER, body TEXT, duration_s INTEGER, call_type TEXT,
    n_attachments INTEGER NOT NULL DEFAULT 0,
    attrs TEXT NOT NULL, locator TEXT,
    source_sha256 TEXT NOT NULL REFERENCES sources(sha256) DEFERRABLE INITIALLY DEFERRED,
    source_id TEXT,
    import_seq INTEGER NOT NULL REFERENCES events(seq) DEFERRABLE INITIALLY DEFERRED,
    record_hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS records_time ON records(kind, utc_ms);
CREATE INDEX IF NOT EXISTS records_import ON records(import_seq);
CREATE TABLE IF NOT EXISTS record_attachments (
    record_id TEXT NOT NULL REFERENCES records(id),
    seq INTEGER NOT NULL,
    blob_sha256 TEXT NOT NULL REFERENCES blobs(sha256),
    content_type TEXT, name TEXT, size INTEGER NOT NULL,
    PRIMARY KEY (record_id, seq)
);
CREATE INDEX IF NOT EXISTS attachments_blob ON record_attachments(blob_sha256);
CREATE TABLE IF NOT EXISTS analyses (
    run_seq INTEGER NOT NULL REFERENCES events(seq) DEFERRABLE INITIALLY DEFERRED,
    record_id TEXT NOT NULL REFERENCES records(id),
    category TEXT, stage TEXT, tactics TEXT, findings TEXT,
    result TEXT NOT NULL, result_hash TEXT NOT NULL,
    rule_pack_hash TEXT NOT NULL, analyzed_at TEXT NOT NULL,
    PRIMARY KEY (run_seq, record_id)
);
"""

# Debts the user entered (money/). Added to older cases on first use; the event log holds every
# version (``debt_saved`` carries the full record, ``debt_removed`` its id), this table the latest.
DEBTS_SCHEMA = """
CREATE TABLE IF NOT EXISTS debts (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,                -- canonical JSON of the debt
    data_hash TEXT NOT NULL,
    event_seq INTEGER NOT NULL REFERENCES events(seq) DEFERRABLE INITIALLY DEFERRED,
    removed_seq INTEGER                -- set when removed; the row stays as history
);
"""

_RECORD_COLS = (
    "id, kind, channel, direction, counterparty, sender, utc_ms, offset_min, body, duration_s, "
    "call_type, n_attachments, attrs, locator, source_sha256, source_id, import_seq, record_hash, rowid"
)


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class Store:
    def __init__(self, path: Path) -> None:
        self.path = path
        new = not path.exists()
        self.conn = sqlite3.connect(path, isolation_level=None, timeout=30)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.execute("PRAGMA synchronous=FULL")
        if new:
            self.conn.executescript(SCHEMA)
            self.conn.execute(
                "INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,)
            )
        for suffix in ("", "-wal", "-shm"):
            make_private_file(Path(str(path) + suffix))
        self._tree: MerkleTree | None = None
        self._in_tx = False

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()

    # ------------------------------------------------------------------ transactions

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One all-or-nothing write: BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any error."""
        self.conn.execute("BEGIN IMMEDIATE")
        self._in_tx = True
        self._tree = None  # reload inside the lock: another process may have appended
        try:
            yield
            self.conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            self._tree = None
            raise
        finally:
            self._in_tx = False

    # ------------------------------------------------------------------ the log

    def tree(self) -> MerkleTree:
        if self._tree is None:
            rows = self.conn.execute("SELECT leaf_hash FROM events ORDER BY seq").fetchall()
            self._tree = MerkleTree([bytes.fromhex(r[0]) for r in rows])
        return self._tree

    def next_seq(self) -> int:
        return len(self.tree())

    def append_event(self, etype: str, **fields: Any) -> tuple[int, dict[str, Any]]:
        """Add one leaf to the log and store the new tree head; returns (seq, event)."""
        assert self._in_tx, "events are appended inside a transaction"
        tree = self.tree()
        seq = len(tree)
        event = {"type": etype, "seq": seq, "time": fields.pop("time", None) or utc_now(), **fields}
        data = canonical_json(event)
        lh = leaf_hash(data.encode("utf-8"))
        self.conn.execute("INSERT INTO events VALUES (?, ?, ?)", (seq, data, lh.hex()))
        tree.append_hash(lh)
        self.conn.execute(
            "INSERT INTO checkpoints VALUES (?, ?, ?)",
            (seq + 1, tree.root().hex(), event["time"]),
        )
        return seq, event

    def events(self) -> list[sqlite3.Row]:
        return self.conn.execute("SELECT seq, data, leaf_hash FROM events ORDER BY seq").fetchall()

    def checkpoints(self) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT size, root, time FROM checkpoints ORDER BY size"
        ).fetchall()

    def tree_head(self) -> dict[str, Any]:
        row = self.conn.execute(
            "SELECT size, root, time FROM checkpoints ORDER BY size DESC LIMIT 1"
        ).fetchone()
        return dict(row) if row else {"size": 0, "root": MerkleTree().root().hex(), "time": None}

    # ------------------------------------------------------------------ blobs and sources

    def add_blob(self, sha: str, size: int, content_type: str | None) -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO blobs VALUES (?, ?, ?, ?)", (sha, size, content_type, utc_now())
        )

    def has_blob(self, sha: str) -> bool:
        return (
            self.conn.execute("SELECT 1 FROM blobs WHERE sha256 = ?", (sha,)).fetchone() is not None
        )

    def blobs(self) -> list[sqlite3.Row]:
        return self.conn.execute("SELECT sha256, size, content_type FROM blobs").fetchall()

    def source(self, sha: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM sources WHERE sha256 = ?", (sha,)).fetchone()

    def sources(self) -> list[sqlite3.Row]:
        return self.conn.execute("SELECT * FROM sources ORDER BY event_seq").fetchall()

    def add_source(
        self, sha: str, name: str, path: str, size: int, fmt: str, at: str, seq: int
    ) -> None:
        self.conn.execute(
            "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?)",
            (sha, name, path, size, fmt, at, seq),
        )

    # ------------------------------------------------------------------ records

    def insert_record(self, row: dict[str, Any], rhash: str, import_seq: int) -> bool:
        """Store one canonical record; False when its content id is already there."""
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO records (id, kind, channel, direction, counterparty, sender,"
            " utc_ms, offset_min, body, duration_s, call_type, n_attachments, attrs, locator,"
            " source_sha256, source_id, import_seq, record_hash)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                row["id"],
                row["kind"],
                row["channel"],
                row["direction"],
                row["counterparty"],
                row["sender"],
                row["utc_ms"],
                row["offset_min"],
                row["body"],
                row["duration_s"],
                row["call_type"],
                len(row["attachments"]),
                canonical_json(row["attrs"]),
                canonical_json(row["locator"]) if row["locator"] is not None else None,
                row["source_sha256"],
                row["source_id"],
                import_seq,
                rhash,
            ),
        )
        if cur.rowcount == 0:
            return False
        for i, a in enumerate(row["attachments"]):
            self.conn.execute(
                "INSERT INTO record_attachments VALUES (?, ?, ?, ?, ?, ?)",
                (row["id"], i, a["sha256"], a["content_type"], a["name"], a["size"]),
            )
        return True

    def _row_dict(self, r: sqlite3.Row) -> dict[str, Any]:
        atts: list[dict[str, Any]] = []
        if r["n_attachments"]:
            atts = [
                {"sha256": a[0], "size": a[1], "content_type": a[2], "name": a[3]}
                for a in self.conn.execute(
                    "SELECT blob_sha256, size, content_type, name FROM record_attachments"
                    " WHERE record_id = ? ORDER BY seq",
                    (r["id"],),
                )
            ]
        return {
            "id": r["id"],
            "kind": r["kind"],
            "channel": r["channel"],
            "direction": r["direction"],
            "counterparty": r["counterparty"],
            "sender": r["sender"],
            "utc_ms": r["utc_ms"],
            "offset_min": r["offset_min"],
            "body": r["body"],
            "duration_s": r["duration_s"],
            "call_type": r["call_type"],
            "attachments": atts,
            "attrs": json.loads(r["attrs"]),
            "locator": json.loads(r["locator"]) if r["locator"] else None,
            "source_sha256": r["source_sha256"],
            "source_id": r["source_id"],
        }

    def iter_records(
        self, kind: str | None = None, *, order: str = "rowid"
    ) -> Iterator[tuple[dict[str, Any], str, int]]:
        """(canonical dict, stored record hash, import seq) in ``order`` ("rowid" | "time")."""
        sql = f"SELECT {_RECORD_COLS} FROM records"
        args: tuple[Any, ...] = ()
        if kind:
            sql += " WHERE kind = ?"
            args = (kind,)
        sql += " ORDER BY utc_ms, rowid" if order == "time" else " ORDER BY rowid"
        # A separate cursor, fetched in pages, so that memory does not grow with the case.
        cur = self.conn.cursor()
        cur.execute(sql, args)
        while batch := cur.fetchmany(2000):
            for r in batch:
                yield self._row_dict(r), r["record_hash"], r["import_seq"]

    def get_record(self, rid: str) -> dict[str, Any] | None:
        r = self.conn.execute(f"SELECT {_RECORD_COLS} FROM records WHERE id = ?", (rid,)).fetchone()
        return self._row_dict(r) if r else None

    def record_exists(self, rid: str) -> bool:
        return (
            self.conn.execute("SELECT 1 FROM records WHERE id = ?", (rid,)).fetchone() is not None
        )

    def counts(self) -> dict[str, int]:
        c = dict(self.conn.execute("SELECT kind, count(*) FROM records GROUP BY kind").fetchall())
        one = self.conn.execute
        return {
            "messages": c.get("message", 0),
            "calls": c.get("call", 0),
            "sources": one("SELECT count(*) FROM sources").fetchone()[0],
            "blobs": one("SELECT count(*) FROM blobs").fetchone()[0],
            "attachments": one("SELECT count(*) FROM record_attachments").fetchone()[0],
            "analyses": one("SELECT count(DISTINCT record_id) FROM analyses").fetchone()[0],
            "events": one("SELECT count(*) FROM events").fetchone()[0],
        }

    # ------------------------------------------------------------------ analyses

    def add_analysis(
        self, run_seq: int, result: dict[str, Any], rhash: str, pack: str, at: str
    ) -> None:
        self.conn.execute(
            "INSERT INTO analyses VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                run_seq,
                result["id"],
                result.get("category"),
                result.get("stage"),
                canonical_json(result.get("tactics") or []),
                canonical_json(result.get("findings") or []),
                canonical_json(result),
                rhash,
                pack,
                at,
            ),
        )

    def iter_analyses(self) -> Iterator[sqlite3.Row]:
        cur = self.conn.cursor()
        cur.execute("SELECT * FROM analyses ORDER BY run_seq, rowid")
        while batch := cur.fetchmany(2000):
            yield from batch

    def latest_analyses(self) -> Iterator[dict[str, Any]]:
        cur = self.conn.cursor()
        cur.execute(
            "SELECT a.result FROM analyses a WHERE a.run_seq = (SELECT max(run_seq) FROM analyses b"
            " WHERE b.record_id = a.record_id) ORDER BY a.rowid"
        )
        while batch := cur.fetchmany(2000):
            for r in batch:
                yield json.loads(r[0])

    # ------------------------------------------------------------------ debts

    def _has_debts(self) -> bool:
        return (
            self.conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'debts'"
            ).fetchone()
            is not None
        )

    def put_debt(self, did: str, data: str, dhash: str, seq: int) -> None:
        """Insert or replace the latest version of a debt (inside a transaction)."""
        assert self._in_tx, "debts are written inside a transaction"
        self.conn.execute(DEBTS_SCHEMA)
        self.conn.execute(
            "INSERT INTO debts (id, data, data_hash, event_seq, removed_seq)"
            " VALUES (?, ?, ?, ?, NULL) ON CONFLICT(id) DO UPDATE SET data = excluded.data,"
            " data_hash = excluded.data_hash, event_seq = excluded.event_seq, removed_seq = NULL",
            (did, data, dhash, seq),
        )

    def remove_debt(self, did: str, seq: int) -> bool:
        assert self._in_tx, "debts are written inside a transaction"
        if not self._has_debts():
            return False
        cur = self.conn.execute(
            "UPDATE debts SET removed_seq = ? WHERE id = ? AND removed_seq IS NULL", (seq, did)
        )
        return cur.rowcount == 1

    def debts(self) -> list[dict[str, Any]]:
        """Current debts (not removed), in the order they were first saved."""
        if not self._has_debts():
            return []
        rows = self.conn.execute(
            "SELECT data FROM debts WHERE removed_seq IS NULL ORDER BY rowid"
        ).fetchall()
        return [json.loads(r[0]) for r in rows]
