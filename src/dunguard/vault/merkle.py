"""An RFC 6962 Merkle tree over the case's event log, with inclusion and consistency proofs.

Hashing follows RFC 6962 §2.1 exactly (leaf = SHA-256(0x00 || data), node =
SHA-256(0x01 || left || right), split at the largest power of two below n), so that any
Certificate Transparency tool can check a dunguard log; the verifiers are the iterative
algorithms of RFC 9162 §2.1.3.2 and §2.1.4.2.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

HASH_SIZE = 32
EMPTY_ROOT = hashlib.sha256(b"").digest()


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two strictly below ``n`` (n ≥ 2)."""
    return 1 << ((n - 1).bit_length() - 1)


class MerkleTree:
    """A tree over a list of leaf hashes; every method accepts an earlier size ``n``."""

    def __init__(self, leaves: Sequence[bytes] = ()) -> None:
        self.leaves: list[bytes] = list(leaves)
        self._cache: dict[tuple[int, int], bytes] = {}

    def __len__(self) -> int:
        return len(self.leaves)

    def append(self, data: bytes) -> int:
        """Add a leaf for ``data``; returns its index."""
        self.leaves.append(leaf_hash(data))
        return len(self.leaves) - 1

    def append_hash(self, h: bytes) -> int:
        self.leaves.append(h)
        return len(self.leaves) - 1

    def _check_size(self, n: int) -> None:
        if not 0 <= n <= len(self.leaves):
            raise ValueError(f"tree size {n} outside 0..{len(self.leaves)}")

    def _mth(self, lo: int, hi: int) -> bytes:
        n = hi - lo
        if n == 0:
            return EMPTY_ROOT
        if n == 1:
            return self.leaves[lo]
        key = (lo, hi)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        k = _split(n)
        h = node_hash(self._mth(lo, lo + k), self._mth(lo + k, hi))
        # Complete subtrees never change as the log grows, so they are safe to remember.
        if n & (n - 1) == 0:
            self._cache[key] = h
        return h

    def root(self, n: int | None = None) -> bytes:
        n = len(self.leaves) if n is None else n
        self._check_size(n)
        return self._mth(0, n)

    def inclusion_proof(self, i: int, n: int | None = None) -> list[bytes]:
        """RFC 6962 §2.1.1 PATH(i, D[0:n])."""
        n = len(self.leaves) if n is None else n
        self._check_size(n)
        if not 0 <= i < n:
            raise ValueError(f"leaf {i} not in a tree of size {n}")
        path: list[bytes] = []
        lo, hi = 0, n
        while hi - lo > 1:
            k = _split(hi - lo)
            if i < lo + k:
                path.append(self._mth(lo + k, hi))
                hi = lo + k
            else:
                path.append(self._mth(lo, lo + k))
                lo = lo + k
        path.reverse()
        return path

    def consistency_proof(self, m: int, n: int | None = None) -> list[bytes]:
        """RFC 6962 §2.1.2 PROOF(m, D[0:n]); empty when m is 0 or m == n."""
        n = len(self.leaves) if n is None else n
        self._check_size(n)
        if not 0 <= m <= n:
            raise ValueError(f"old size {m} outside 0..{n}")
        if m == 0 or m == n:
            return []
        return self._subproof(m, 0, n, True)

    def _subproof(self, m: int, lo: int, hi: int, complete: bool) -> list[bytes]:
        n = hi - lo
        if m == n:
            return [] if complete else [self._mth(lo, hi)]
        k = _split(n)
        if m <= k:
            return self._subproof(m, lo, lo + k, complete) + [self._mth(lo + k, hi)]
        return self._subproof(m - k, lo + k, hi, False) + [self._mth(lo, lo + k)]


def _ok_hash(h: object) -> bool:
    return isinstance(h, bytes | bytearray) and len(h) == HASH_SIZE


def verify_inclusion(
    leaf: bytes, index: int, size: int, proof: Sequence[bytes], root: bytes
) -> bool:
    """True when ``proof`` shows leaf hash ``leaf`` at ``index`` in the tree of ``size``."""
    if not (_ok_hash(leaf) and _ok_hash(root)) or not all(_ok_hash(p) for p in proof):
        return False
    if not 0 <= index < size:
        return False
    fn, sn, r = index, size - 1, bytes(leaf)
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(
    old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> bool:
    """True when ``proof`` shows the tree of ``new_size`` extends the one of ``old_size``."""
    if not (_ok_hash(old_root) and _ok_hash(new_root)) or not all(_ok_hash(p) for p in proof):
        return False
    if not 0 <= old_size <= new_size:
        return False
    if old_size == new_size:
        return not proof and old_root == new_root
    if old_size == 0:
        return not proof and old_root == EMPTY_ROOT
    if not proof:
        return False
    path = list(proof)
    if old_size & (old_size - 1) == 0:  # a complete subtree: its root is the first node
        path.insert(0, bytes(old_root))
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return sn == 0 and fr == old_root and sr == new_root
