"""Building frozen, slotted dataclass records on the hot path without their ``__init__``.

A frozen dataclass stores each field through ``object.__setattr__`` (frozen forbids plain
assignment), which makes ``Finding(...)`` cost ~1.3 µs. ``constructor(cls)`` returns a
function taking every field by keyword that builds the record about 3x faster: it fills a
plain (not frozen) twin class with the same slots by ordinary attribute stores, which the
interpreter does without a call, then makes the object an instance of ``cls`` by assigning
``__class__`` (allowed between classes of the same layout, which Python checks; the record
is then exactly what ``cls(...)`` makes: same type, fields, equality, hash and repr).
Where the layout check fails, the slots are set through their descriptors (~2x faster than
``cls``). It is only built for a plain record — a slotted dataclass whose generated
``__init__`` does nothing but store the fields (no ``__post_init__``, no ``InitVar``, no
field left out of ``__init__``); for anything else it returns ``cls`` itself, so callers
stay correct if a record ever gains validation.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable
from typing import Any


def constructor(cls: type) -> Callable[..., Any]:
    """``make(**fields)`` equal to ``cls(**fields)``; every field must be given."""
    if not _plain(cls):
        return cls
    names = [f.name for f in dataclasses.fields(cls)]
    twin = _twin(cls)
    ns: dict[str, Any] = {"_new": object.__new__, "_cls": cls, "_twin": twin}
    if twin is not None:
        body = "".join(f"    _x.{n} = {n}\n" for n in names) + "    _x.__class__ = _cls\n"
        src = f"def make(*, {', '.join(names)}):\n    _x = _new(_twin)\n{body}    return _x\n"
    else:
        ns.update({f"_set_{n}": cls.__dict__[n].__set__ for n in names})
        body = "".join(f"    _set_{n}(_x, {n})\n" for n in names)
        src = f"def make(*, {', '.join(names)}):\n    _x = _new(_cls)\n{body}    return _x\n"
    exec(src, ns)  # noqa: S102
    make = ns["make"]
    make.__qualname__ = f"constructor({cls.__qualname__})"
    return make


def _twin(cls: type) -> type | None:
    """A plain class with ``cls``'s slots whose instances may become ``cls`` instances."""
    twin = type(f"_{cls.__name__}Twin", (), {"__slots__": cls.__slots__})
    x = object.__new__(twin)
    try:
        x.__class__ = cls
    except TypeError:  # layouts differ (another base, __dict__, weakref slot …)
        return None
    return twin


def _plain(cls: type) -> bool:
    if not dataclasses.is_dataclass(cls) or hasattr(cls, "__post_init__"):
        return False
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    if not params.init or not params.frozen:
        return False
    fields = dataclasses.fields(cls)
    # InitVar and ClassVar pseudo-fields are in __dataclass_fields__ but not in fields()
    if any(not f.init for f in fields) or len(fields) != len(cls.__dataclass_fields__):  # type: ignore[attr-defined]
        return False
    return all(isinstance(cls.__dict__.get(f.name), types.MemberDescriptorType) for f in fields)
