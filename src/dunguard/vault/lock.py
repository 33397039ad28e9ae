"""One writer per case at a time: an advisory lock on ``cases/NAME/lock``."""

from __future__ import annotations

import os
import time
from pathlib import Path

from dunguard.errors import CaseError

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class CaseLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self, *, wait_s: float = 10.0) -> bool:
        """Take the lock, waiting up to ``wait_s``; False when another process keeps it."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        if fcntl is None:  # pragma: no cover
            self._fd = fd
            return True
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                self._fd = fd
                return True
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    return False
                time.sleep(0.1)

    def release(self) -> None:
        if self._fd is not None:
            if fcntl is not None:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> CaseLock:
        if not self.acquire():
            raise CaseError("这个案件正被另一个 dunguard 程序写入，请等它结束后再试。")
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
