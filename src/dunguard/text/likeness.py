"""How much a message reads like debt collection, from its wording alone.

The rules (rules/*.yaml) say *why* a message is collection: a word, a pattern. But each new
writer words the same demand in ways no rule has yet ("3200，今天之内", "那个事你到底怎么说").
For a message that no rule has anything to say about, a small statistical model trained on
the project's labelled corpus (tests/corpus/dev.jsonl, ``scripts/train_model.py``) gives a
second opinion: logistic regression over the character bigrams of the normalized text
(digits folded to 0, so that amounts and dates generalize; the lookup tables have every digit
for a feature's 0, so that scoring reads the text as it is), each bigram counted and the sum
scaled by 1/√(number of bigrams).

The model is data (``text/models/<name>.tsv``: a header, the bias, then one bigram and its
weight per line), part of the rule pack and of its hash, and used only through a rule of the
pack (``model:`` key; wording.py says when each is asked): the finding it makes quotes the
clause of the message whose bigrams weigh most towards its label, so that a reader sees what
it went by.
"""

from __future__ import annotations

import codecs
import copy
import math
import operator
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

_ADD = operator.add
# the codec's function itself: str.encode looks the codec up by name on every call, which
# costs more than encoding a message
_UTF32 = codecs.utf_32_le_encode
MAX_QUOTE = 24  # characters of the quoted stretch, at most
_CLAUSE = re.compile(r"[^，。！？；：,.!?;:\n\r\s]+")
MAGIC = "# dunguard likeness model"
_MISSING = object()
_LAST_FOLD: list[tuple[str | None, str]] = [(None, "")]  # (text, its fold_digits): Likelihoods._sum


def fold_digits(text: str) -> str:
    """``text`` with every digit 1-9 as 0 (the models' features). Nine ``str.replace`` cost
    a fifth of ``str.translate``, which maps a non-ASCII text character by character
    through a dict (0.4 against 2.0 µs on a benchmark message): this runs on every message."""
    return (text.replace("1", "0").replace("2", "0").replace("3", "0").replace("4", "0")
            .replace("5", "0").replace("6", "0").replace("7", "0").replace("8", "0")
            .replace("9", "0"))


def bigrams(norm: str) -> list[str]:
    """The character bigrams of a normalized text, in order (digits as they are: a model's
    ``lookup`` has every digit for the 0 of its features)."""
    return list(map(_ADD, norm, norm[1:]))


def features(norm: str) -> list[str]:
    """The model's features: the bigrams of the text with its digits folded to 0."""
    return bigrams(fold_digits(norm))


def _code(bigram: str) -> int:
    """A bigram as the integer ``pairs()`` reads it: its two code points, little-endian."""
    return ord(bigram[0]) | (ord(bigram[1]) << 32)


def pairs(norm: str) -> tuple[memoryview, memoryview]:
    """Every bigram of a text once, as integers (``_code``): those starting at even and at odd
    positions, read straight from its UTF-32 bytes. Looking these up costs less than making
    the bigrams as strings, and this runs on most messages."""
    raw = _UTF32(norm, "surrogatepass")[0]
    size = len(raw)
    view = memoryview(raw)
    return view[:size // 8 * 8].cast("Q"), view[4:4 + (size - 4) // 8 * 8].cast("Q")


def _unfold(weights: dict[str, float]) -> dict[int, float]:
    """``weights`` keyed by the ``_code`` of every bigram whose digits fold to a feature's 0s:
    scoring then needs no folding of the text (``str.translate`` costs more than the
    lookups)."""
    out = {_code(g): w for g, w in weights.items()}
    for g, w in weights.items():
        if "0" in g:
            keys = [""]
            for ch in g:
                keys = [k + d for k in keys for d in ("0123456789" if ch == "0" else ch)]
            out.update(dict.fromkeys(map(_code, keys), w))
    return out


@dataclass(frozen=True, slots=True)
class Likeness:
    """A trained model: ``weights`` per feature (folded bigram) and a ``bias``;
    ``lookup``: the same weights per bigram as it appears (``_unfold``)."""

    name: str
    bias: float
    weights: dict[str, float]
    lookup: dict[int, float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lookup", _unfold(self.weights))

    def probability(self, norm: str) -> float:
        """P(label) of a normalized text, 0..1."""
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, self.logit(norm)))))

    def logit(self, norm: str) -> float:
        """The log-odds of the label for a normalized text."""
        even, odd = pairs(norm)
        get = self.lookup.get
        total = sum(filter(None, map(get, even))) + sum(filter(None, map(get, odd)))
        return self.bias + total / math.sqrt(max(1, len(norm) - 1))

    def best_span(self, norm: str) -> tuple[int, int]:
        """The clause of ``norm`` (between punctuation) whose bigrams weigh most towards the
        label, as (start, end); within a clause longer than ``MAX_QUOTE`` characters,
        its heaviest stretch of that length."""
        get = self.lookup.get
        best, best_span = -math.inf, (0, len(norm))
        for m in _CLAUSE.finditer(norm):
            a, b = m.span()
            w = [get(_code(g), 0.0) for g in bigrams(m.group())] or [0.0]
            n = min(MAX_QUOTE - 1, len(w))  # bigrams in a stretch of at most MAX_QUOTE chars
            total = sum(w[:n])
            at, top = 0, total
            for i in range(n, len(w)):
                total += w[i] - w[i - n]
                if total > top:
                    at, top = i - n + 1, total
            if top > best:
                best, best_span = top, (a + at, min(b, a + at + n + 1))
        return best_span

    def dumps(self) -> str:
        lines = [MAGIC, f"# name\t{self.name}", f"bias\t{self.bias:.6f}"]
        lines += [f"{g}\t{w:.4f}" for g, w in sorted(self.weights.items())]
        return "\n".join(lines) + "\n"


class Likelihoods:
    """Several models read in one pass. Each bigram's weights in all the models are packed
    into one integer (fixed point, ``_SCALE`` units, each field offset by ``_OFFSET`` so that it
    stays positive, ``_BITS`` wide), so that summing a message's bigrams over every model is
    one ``sum`` of integers, whatever the number of models (the engine reads a dozen on a
    collection message).

    ``cuts``: each model's threshold as log-odds, or None for a model that only competes.
    ``read`` first tests all the cuts at once on the packed sum (each field biased by half its
    range, the cut subtracted: a field whose top bit is set reached its cut) and unpacks the
    fields only when one may have: on most messages no model reaches its cut."""

    _SCALE = 10_000  # weights are stored with 4 decimals: exact
    _OFFSET = 1 << 24  # > the largest |weight| in units (weights are far below 1,600)
    _BITS = 48  # a field holds MAX_CHARS bigrams of at most 2 * _OFFSET each, and a cut
    _CACHED = 512  # texts up to this many bigrams have their packed cuts computed once
    _MEMO_MAX = 8192  # packed sums kept per digit-folded text (``_sum``)

    def __init__(self, models: Sequence[Likeness], cuts: Sequence[float | None] | None = None):
        self.names = tuple(m.name for m in models)
        self.bias = tuple(m.bias for m in models)
        scale, offset, bits = self._SCALE, self._OFFSET, self._BITS
        packed: dict[int, int] = {}
        for g in {g for m in models for g in m.lookup}:
            value = 0
            for i, m in enumerate(models):
                units = round(m.lookup.get(g, 0.0) * scale)
                if not -offset < units < offset:
                    raise ValueError(f"{m.name}：权重 {g} 超出范围")
                value |= (units + offset) << (bits * i)
            packed[g] = value
        self._get = packed.get
        self._fields = tuple((bits * i, b) for i, b in enumerate(self.bias))
        self._offsets = sum(offset << (bits * i) for i in range(len(models)))
        # every field biased by half its range, so that the signed fields of a sum borrow
        # nothing from each other
        self._half = self.top(range(len(models)))
        self._memo: dict[str, tuple[int, int] | None] = {}
        self._set_cuts(cuts)

    def _set_cuts(self, cuts: Sequence[float | None] | None) -> None:
        cuts = list(cuts) if cuts is not None else [None] * len(self.bias)
        # per model with a cut: the log-odds it must add to its bias, in units per sqrt(bigram)
        self._needs = tuple((self._BITS * i, (c - b) * self._SCALE) for i, (c, b) in
                            enumerate(zip(cuts, self.bias, strict=True)) if c is not None)
        self._top = self.top([i for i, c in enumerate(cuts) if c is not None])
        self._cut_cache: dict[int, int] = {}

    def with_cuts(self, cuts: Sequence[float | None]) -> Likelihoods:
        """The same models with other cuts; the weights and the memo of sums are shared."""
        other = copy.copy(self)
        other._set_cuts(cuts)
        return other

    def _packed_cuts(self, n: int) -> int:
        """The cuts of a text of ``n`` bigrams in units, packed, each rounded down by one unit
        so that the test never misses a model that reaches its cut (``read`` then checks
        exactly)."""
        got = self._cut_cache.get(n)
        if got is None:
            root = math.sqrt(n)
            got = sum((math.floor(need * root) - 1) << shift for shift, need in self._needs)
            if n <= self._CACHED:
                self._cut_cache[n] = got
        return got

    def top(self, indices: Sequence[int]) -> int:
        """The mask that ``read`` tests for the cuts of the models at ``indices``."""
        half = 1 << (self._BITS - 1)
        return sum(half << (self._BITS * i) for i in indices)

    def read(self, norm: str, top: int | None = None) -> list[float] | None:
        """Each model's log-odds for a normalized text (in the order of ``names``), or None
        when no model with a cut (of those in ``top``, see ``top()``; default all) can reach
        it: then nothing is unpacked."""
        got = self._sum(norm)
        if got is None:
            return list(self.bias)
        total, n = got
        if not (total + self._half - self._packed_cuts(n)) & (self._top if top is None else top):
            return None
        return self._unpack(total, n)

    def logits(self, norm: str) -> list[float]:
        """Each model's log-odds of its label for a normalized text, in the order of
        ``names`` (compare with ``logit(threshold)``: no need for exp)."""
        got = self._sum(norm)
        return list(self.bias) if got is None else self._unpack(*got)

    def _sum(self, norm: str) -> tuple[int, int] | None:
        """The packed sum of the text's bigram weights (signed fields) and its number of
        bigrams; None when no bigram has a weight.

        The sum depends only on the text with its digits folded to 0 (the features), so it
        is kept per folded text: messages from one template differ mostly in amounts, dates,
        codes and card numbers, and those read as the same text here. The memo is bounded
        (cleared when full) and exact."""
        # the engine reads one text with several model sets (silent, second opinion, stages
        # and tactics): the last text folded is kept with its fold, as one pair stored at once
        # (threads never see a text with another's fold); the same string object folds to
        # the same key
        last = _LAST_FOLD[0]
        if last[0] is norm:
            key = last[1]
        else:
            key = fold_digits(norm)
            _LAST_FOLD[0] = (norm, key)
        memo = self._memo
        got = memo.get(key, _MISSING)
        if got is not _MISSING:
            return got  # type: ignore[return-value]
        got = self._sum_of(norm)
        if len(memo) >= self._MEMO_MAX:
            memo.clear()
        memo[key] = got
        return got

    def _sum_of(self, norm: str) -> tuple[int, int] | None:
        even, odd = pairs(norm)
        rows = list(filter(None, map(self._get, even)))
        rows += filter(None, map(self._get, odd))
        if not rows:
            return None
        return sum(rows) - len(rows) * self._offsets, len(norm) - 1

    def _unpack(self, total: int, n: int) -> list[float]:
        half = 1 << (self._BITS - 1)
        mask = (1 << self._BITS) - 1
        total += self._half
        unit = 1.0 / (self._SCALE * math.sqrt(n))
        return [b + (((total >> shift) & mask) - half) * unit for shift, b in self._fields]


def logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def loads(text: str, name: str) -> Likeness:
    """Read a model file written by ``Likeness.dumps``; ``ValueError`` on a malformed one."""
    lines = text.splitlines()
    if not lines or lines[0] != MAGIC:
        raise ValueError(f"{name}：不是 dunguard 的用词模型文件")
    bias: float | None = None
    weights: dict[str, float] = {}
    for no, line in enumerate(lines[1:], start=2):
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("\t")
        if not sep:
            raise ValueError(f"{name} 第 {no} 行：缺少制表符")
        try:
            number = float(value)
        except ValueError as e:
            raise ValueError(f"{name} 第 {no} 行：权重不是数字") from e
        if not math.isfinite(number):
            raise ValueError(f"{name} 第 {no} 行：权重不是有限数")
        if key == "bias":
            bias = number
        elif len(key) != 2:
            raise ValueError(f"{name} 第 {no} 行：特征必须是两个字符")
        else:
            weights[key] = number
    if bias is None or not weights:
        raise ValueError(f"{name}：缺少 bias 或权重")
    return Likeness(name, bias, weights)


def train(texts: Sequence[str], targets: Sequence[bool], *, name: str, c: float = 100.0,
          min_count: int = 2, prune: float = 0.02) -> Likeness:
    """Fit the model on normalized ``texts`` (L2-regularized logistic regression, L-BFGS):
    bigrams seen in at least ``min_count`` texts; weights below ``prune`` are dropped."""
    import numpy as np
    from scipy import optimize, sparse

    docs = [Counter(features(t)) for t in texts]
    seen: Counter[str] = Counter()
    for d in docs:
        seen.update(d.keys())
    vocab = {g: i for i, g in enumerate(sorted(g for g, n in seen.items() if n >= min_count))}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for i, d in enumerate(docs):
        scale = 1.0 / math.sqrt(sum(d.values()) or 1)
        for g, n in d.items():
            j = vocab.get(g)
            if j is not None:
                rows.append(i)
                cols.append(j)
                vals.append(n * scale)
        rows.append(i)
        cols.append(len(vocab))
        vals.append(1.0)
    x = sparse.csr_matrix((vals, (rows, cols)), shape=(len(docs), len(vocab) + 1))
    y = np.asarray(targets, dtype=float)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w
        p = 1.0 / (1.0 + np.exp(-z))
        reg = w[:-1]
        value = -np.sum(y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12))
        value += 0.5 / c * float(reg @ reg)
        grad = x.T @ (p - y)
        grad[:-1] += reg / c
        return float(value), grad

    fit = optimize.minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B",
                            options={"maxiter": 5000})
    w = fit.x
    weights = {g: round(float(w[j]), 4) for g, j in vocab.items() if abs(w[j]) >= prune}
    return Likeness(name, round(float(w[-1]), 6), weights)
