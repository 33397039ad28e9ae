"""The Merkle log against the RFC 6962 / Certificate Transparency reference vectors."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dunguard.vault.merkle import (
    EMPTY_ROOT,
    MerkleTree,
    leaf_hash,
    verify_consistency,
    verify_inclusion,
)

# The eight leaves every CT implementation tests with, and the tree head for sizes 1..8.
CT_LEAVES = [
    bytes.fromhex(h)
    for h in (
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    )
]
CT_ROOTS = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
CT_INCLUSION = [  # (leaf index, tree size, audit path)
    (
        0,
        8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        5,
        8,
        [
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
    (
        1,
        5,
        [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
    (0, 1, []),
]
CT_CONSISTENCY = [  # (old size, new size, proof)
    (
        1,
        8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        2,
        8,
        [
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        6,
        8,
        [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (
        2,
        5,
        [
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
    (8, 8, []),
]


@pytest.fixture(scope="module")
def ct_tree() -> MerkleTree:
    t = MerkleTree()
    for d in CT_LEAVES:
        t.append(d)
    return t


def test_empty_tree_root_is_sha256_of_nothing() -> None:
    assert MerkleTree().root() == EMPTY_ROOT
    assert EMPTY_ROOT.hex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


@pytest.mark.parametrize("n", range(1, 9))
def test_roots_match_certificate_transparency(ct_tree: MerkleTree, n: int) -> None:
    assert ct_tree.root(n).hex() == CT_ROOTS[n - 1]


@pytest.mark.parametrize(("i", "n", "path"), CT_INCLUSION)
def test_inclusion_proofs_match_certificate_transparency(ct_tree, i, n, path) -> None:
    assert [p.hex() for p in ct_tree.inclusion_proof(i, n)] == path
    root = bytes.fromhex(CT_ROOTS[n - 1])
    assert verify_inclusion(leaf_hash(CT_LEAVES[i]), i, n, [bytes.fromhex(p) for p in path], root)


@pytest.mark.parametrize(("m", "n", "proof"), CT_CONSISTENCY)
def test_consistency_proofs_match_certificate_transparency(ct_tree, m, n, proof) -> None:
    assert [p.hex() for p in ct_tree.consistency_proof(m, n)] == proof
    old, new = bytes.fromhex(CT_ROOTS[m - 1]), bytes.fromhex(CT_ROOTS[n - 1])
    assert verify_consistency(m, n, old, new, [bytes.fromhex(p) for p in proof])


def test_out_of_range_requests_are_refused(ct_tree: MerkleTree) -> None:
    with pytest.raises(ValueError):
        ct_tree.inclusion_proof(8, 8)
    with pytest.raises(ValueError):
        ct_tree.root(9)
    with pytest.raises(ValueError):
        ct_tree.consistency_proof(5, 3)


def test_degenerate_consistency_cases() -> None:
    t = MerkleTree([leaf_hash(bytes([i])) for i in range(5)])
    assert verify_consistency(0, 5, EMPTY_ROOT, t.root(5), [])
    assert not verify_consistency(0, 5, t.root(1), t.root(5), [])
    assert verify_consistency(4, 4, t.root(4), t.root(4), [])
    assert not verify_consistency(4, 4, t.root(4), t.root(5), [])
    assert not verify_consistency(3, 5, t.root(3), t.root(5), [])
    assert not verify_consistency(5, 3, t.root(5), t.root(3), t.consistency_proof(3, 5))


def _tree(size: int) -> MerkleTree:
    return MerkleTree([leaf_hash(i.to_bytes(4, "big")) for i in range(size)])


def _flip(proof: list[bytes], which: int, bit: int) -> list[bytes]:
    out = list(proof)
    b = bytearray(out[which])
    b[bit // 8] ^= 1 << (bit % 8)
    out[which] = bytes(b)
    return out


@given(st.integers(1, 300), st.data())
def test_every_inclusion_proof_verifies_and_a_flipped_bit_fails(n: int, data) -> None:
    t = _tree(n)
    i = data.draw(st.integers(0, n - 1))
    proof = t.inclusion_proof(i, n)
    root = t.root(n)
    assert verify_inclusion(t.leaves[i], i, n, proof, root)
    bit = data.draw(st.integers(0, 255))
    if proof:
        which = data.draw(st.integers(0, len(proof) - 1))
        assert not verify_inclusion(t.leaves[i], i, n, _flip(proof, which, bit), root)
    assert not verify_inclusion(_flip([t.leaves[i]], 0, bit)[0], i, n, proof, root)
    assert not verify_inclusion(t.leaves[i], i, n, proof, _flip([root], 0, bit)[0])
    if n > 1:
        assert not verify_inclusion(t.leaves[i], (i + 1) % n, n, proof, root)


@given(st.integers(1, 300), st.data())
def test_every_consistency_proof_verifies_and_a_flipped_bit_fails(n: int, data) -> None:
    t = _tree(n)
    m = data.draw(st.integers(1, n))
    proof = t.consistency_proof(m, n)
    old, new = t.root(m), t.root(n)
    assert verify_consistency(m, n, old, new, proof)
    bit = data.draw(st.integers(0, 255))
    if proof:
        which = data.draw(st.integers(0, len(proof) - 1))
        assert not verify_consistency(m, n, old, new, _flip(proof, which, bit))
        assert not verify_consistency(m, n, old, new, proof[:-1])
        assert not verify_consistency(m, n, old, new, [*proof, bytes(32)])
    assert not verify_consistency(m, n, _flip([old], 0, bit)[0], new, proof)
    assert not verify_consistency(m, n, old, _flip([new], 0, bit)[0], proof)


def test_all_small_trees_exhaustively() -> None:
    t = _tree(40)
    for n in range(1, 41):
        root = t.root(n)
        for i in range(n):
            assert verify_inclusion(t.leaves[i], i, n, t.inclusion_proof(i, n), root)
        for m in range(1, n + 1):
            assert verify_consistency(m, n, t.root(m), root, t.consistency_proof(m, n))
