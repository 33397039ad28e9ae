"""YAML loading that refuses a key given twice in one mapping.

Plain YAML keeps the last of two equal keys and drops the first without a word: a second
``no_match:`` under a rule's ``examples`` silently lost the first list, and a plan file with two
``income:`` lines would keep only one. Every loader of the project's YAML (rule packs, the law
base and guidance, the lender lexicon, plan and debt files) goes through :func:`strict`, so the
mistake becomes an error that names the line.
"""

from __future__ import annotations

import yaml

_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _unique_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            dup = key in seen
        except TypeError:  # an unhashable key: the base constructor reports it
            break
        if dup:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping", node.start_mark,
                f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep)


def strict(base: type = _FAST) -> type:
    """A subclass of the safe loader ``base`` (default: the C one when available) that raises
    ``yaml.constructor.ConstructorError`` on a duplicate key."""
    cls = type(f"Strict{base.__name__}", (base,), {})
    cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)
    return cls
