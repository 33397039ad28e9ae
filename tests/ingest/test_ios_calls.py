"""iOS CallHistory.storedata (ZCALLRECORD)."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from ingest_helpers import MemorySink

from dunguard.errors import InputError
from dunguard.ingest import detect
from dunguard.ingest.ios_calls import IosCallHistoryReader
from fixtures import make_exports as mx


def _read(path, **kw):
    return list(IosCallHistoryReader().parse(path, MemorySink(), **kw))


def test_records(exports) -> None:
    calls = _read(exports["ios_calls"])
    assert [c.kind for c in calls] == ["missed", "missed", "incoming", "outgoing", "incoming"]
    assert [c.counterparty for c in calls[:4]] == [mx.COLLECTOR_A] * 3 + [mx.SERVICE_95]
    assert calls[2].duration_s == 47 and calls[2].connected
    assert calls[0].time.utc_ms == mx.bj_ms(2024, 3, 3, 23, 10)
    assert calls[0].locator.value == "ZCALLRECORD.Z_PK=1"
    assert calls[4].attrs["call_type"] == "facetime-audio"
    assert calls[0].attrs["ZADDRESS"] == mx.COLLECTOR_A  # the BLOB, decoded


def test_detected_by_content(exports, tmp_path) -> None:
    p = tmp_path / "5a4935c78a5255723f707230a451d79c540d2741"
    shutil.copy(exports["ios_calls"], p)
    assert detect(p).name == "ios-callhistory"


def test_wal_next_to_the_database_is_read_without_touching_the_folder(tmp_path) -> None:
    live = tmp_path / "live"
    live.mkdir()
    p = mx.write_callhistory(live)
    con = sqlite3.connect(p)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA wal_autocheckpoint=0")
    con.execute("UPDATE ZCALLRECORD SET ZDURATION = 99 WHERE Z_PK = 3")
    con.commit()
    snapshot = tmp_path / "copy"
    shutil.copytree(live, snapshot, ignore=shutil.ignore_patterns("*-shm"))
    con.close()
    names = sorted(x.name for x in snapshot.iterdir())
    assert "CallHistory.storedata-wal" in names
    calls = _read(snapshot / "CallHistory.storedata")
    assert calls[2].duration_s == 99
    assert sorted(x.name for x in snapshot.iterdir()) == names


def test_missing_table(tmp_path) -> None:
    p = tmp_path / "CallHistory.storedata"
    sqlite3.connect(p).execute("CREATE TABLE other (x)").connection.commit()
    with pytest.raises(InputError, match="ZCALLRECORD"):
        _read(p)
