"""Five-fold cross-validation of the engine with its wording models, on the dev corpus.

    .venv/bin/python scripts/cross_validate.py [--folds DIR] [--set NAME=P ...]
        [--threshold RULE=P ...] [--c-category C] [--prune-category P] [--min-count N]
        [--no-second-opinions]
        [--rules-only]

Each dev row is analysed by an engine whose models were trained on the other four folds
(fold = crc32(id) % 5), so the wording models are scored on text they have not seen, without
touching the held-out files. Trained fold models are kept in ``--folds`` (default
``.cache/folds``, git-ignored) and reused while ``dev.jsonl`` and the training settings are unchanged. ``--set`` changes
one of the second-opinion cuts of ``dunguard.text.wording.Wording`` (a probability), e.g.
``--set NOT_COLLECTION=0.1``: this is how those cuts were chosen (tests/corpus/README.md,
"Second opinions"); ``--threshold RULE=P`` tries another threshold for a wording model rule, ``--c-category C``
another regularization of the collection and scam models, ``--prune-category P`` another line
under which their weights are dropped, ``--min-count N`` another number of texts a bigram must
occur in to be learnt at all. Prints category accuracy / stage macro-F1 / tactic precision / recall on
all of dev and on its last two batches.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from train_model import (  # noqa: E402
    C_CATEGORY,
    CORPUS,
    MIN_COUNT,
    PRUNE_CATEGORY,
    build,
    dev_rows,
    settings,
)

from dunguard.text.engine import Engine  # noqa: E402
from dunguard.text.evaluate import score  # noqa: E402
from dunguard.text.likeness import loads  # noqa: E402
from dunguard.text.rules import default_pack, without_models  # noqa: E402
from dunguard.text.wording import Wording  # noqa: E402

K = 5
# dev rows from the seventeenth batch on (ids d9215…): the newest writers' text
RECENT = 9214


def fold_of(row: dict) -> int:
    return zlib.crc32(row["id"].encode()) % K


def fold_models(folds: Path, rows: list[dict], c_category: float = C_CATEGORY,
                prune_category: float = PRUNE_CATEGORY, min_count: int = MIN_COUNT) -> list[dict]:
    """Per fold, the models trained without it (trained once per state of dev.jsonl)."""
    # the models depend on dev.jsonl and on the training settings
    tag = hashlib.sha256(CORPUS.read_bytes()
                         + repr(settings(c_category, prune_category, min_count)).encode()).hexdigest()[:16]
    out = []
    for k in range(K):
        d = folds / tag / f"fold{k}"
        if not (d / "collection.tsv").exists():
            d.mkdir(parents=True, exist_ok=True)
            train_rows = [r for r in rows if fold_of(r) != k]
            for name, text in build(train_rows, c_category, prune_category, min_count).items():
                (d / f"{name}.tsv").write_text(text, "utf-8")
            print(f"trained fold {k}", file=sys.stderr)
        out.append({p.stem: loads(p.read_text("utf-8"), p.name) for p in sorted(d.glob("*.tsv"))})
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=Path, default=ROOT / ".cache" / "folds")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=P",
                    help="a second-opinion cut of Wording, as a probability")
    ap.add_argument("--threshold", action="append", default=[], metavar="RULE=P",
                    help="another threshold for a wording model rule, e.g. collection.wording=0.7")
    ap.add_argument("--c-category", type=float, default=C_CATEGORY, metavar="C",
                    help="train the collection and scam models with this C (scripts/train_model.py)")
    ap.add_argument("--prune-category", type=float, default=PRUNE_CATEGORY, metavar="P",
                    help="drop the collection and scam models' weights under P")
    ap.add_argument("--min-count", type=int, default=MIN_COUNT, metavar="N",
                    help="train every model on the bigrams seen in at least N texts")
    ap.add_argument("--rules-only", action="store_true")
    ap.add_argument("--no-second-opinions", action="store_true",
                    help="the wording models only where the rules leave a message open")
    args = ap.parse_args()
    if args.no_second_opinions:
        args.set = [f"{n}={1 - 1e-12}" for n in ("SCAM_OVER_OTHER", "COLLECTION_OVER_OTHER",
                                                  "SCAM_OVER_COLLECTION", "SCAM_OVER_VETO")] + [
            "NOT_COLLECTION=1e-12"]
    for item in args.set:
        name, _, value = item.partition("=")
        if not hasattr(Wording, name) or not name.isupper():
            ap.error(f"unknown cut {name!r}")
        setattr(Wording, name, float(value))
    rows = dev_rows()
    pack = default_pack()
    for item in args.threshold:
        rid, _, value = item.partition("=")
        if not any(r.id == rid and r.model for r in pack.rules):
            ap.error(f"no wording model rule {rid!r}")
        pack = dataclasses.replace(pack, rules=tuple(
            dataclasses.replace(r, threshold=float(value)) if r.id == rid else r for r in pack.rules))
    if args.rules_only:
        engines = [Engine(without_models(pack))] * K
    else:
        folds = fold_models(args.folds, rows, args.c_category, args.prune_category,
                            args.min_count)
        engines = [Engine(dataclasses.replace(pack, models=m)) for m in folds]
    pairs = [(r, engines[fold_of(r)].analyze(r["text"], id=r["id"], direction=r.get("direction")))
             for r in rows]
    for label, part in (("dev, out of fold", pairs), ("newest batches", pairs[RECENT:])):
        rep = score(iter(part))
        print(f"{label:18s} {len(part):6,d} rows: {rep.category_accuracy:.3f} / {rep.stage_macro_f1:.3f}"
              f" / {rep.tactic_micro.precision:.3f} / {rep.tactic_micro.recall:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
