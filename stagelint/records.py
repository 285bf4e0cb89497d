"""Value classes without ``dataclasses`` or ``typing.NamedTuple``: one generic
``__eq__``/``__hash__``/``__repr__`` instead of generated code.

Start-up cost is the reason (issue #7: a cold ``stagelint check`` may cost at most
25 ms more than ``import typer``). ``@dataclass`` writes Python source for
``__init__``, ``__eq__``, ``__repr__``, ``__hash__`` (and ``__setattr__`` when
frozen) and ``exec()``s it for every class; importing ``dataclasses`` also imports
``inspect``. ``NamedTuple`` classes go through ``collections.namedtuple``, which
``exec()``s a ``__new__`` each. Measured on this path before the change: its 34
dataclasses took 20-36 ms to create, ``inspect`` about 6 ms more, and its 53
NamedTuples 6-12 ms.

A value class here is a plain class with ``__slots__`` and a hand-written
``__init__``. When instances are compared or hashed it subclasses :class:`Record`,
which compares, hashes and prints the fields named in the ``__slots__`` of the class
and its bases, in the order of the ``__init__`` parameters. The field tuple (and an
``operator.attrgetter`` for it) is worked out once per class, in
``__init_subclass__``; nothing is generated or ``exec()``d.

Semantics follow the dataclass defaults: two records are equal only when they are of
the same class and their fields are equal. A mutable record (one that was a
non-frozen dataclass) sets ``__hash__ = None`` as the dataclass did. Fields the
dataclass left out of comparison (``field(compare=False)``) are named in the class
keyword ``ignore``. Frozen dataclasses and former NamedTuples are immutable by
convention: nothing assigns to their fields after ``__init__`` (not enforced, which
would cost an ``object.__setattr__`` per field). Former NamedTuples were converted
only where nothing unpacks, indexes, sorts or ``_replace``s them.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, ClassVar, Self

__all__ = ["Record"]


def _no_fields(_: object) -> tuple[()]:
    return ()


class Record:
    """Base of value classes: equality, hash and repr from the ``__slots__`` fields."""

    __slots__ = ()

    _fields: ClassVar[tuple[str, ...]] = ()
    _params: ClassVar[tuple[str, ...]] = ()  # the fields `__init__` takes
    _key: ClassVar[Callable[[object], object]] = staticmethod(_no_fields)

    def __init_subclass__(cls, ignore: tuple[str, ...] = (), **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields: list[str] = []
        for klass in reversed(cls.__mro__):
            slots = klass.__dict__.get("__slots__", ())
            for name in (slots,) if isinstance(slots, str) else slots:
                if name not in ("__dict__", "__weakref__") and name not in fields:
                    fields.append(name)
        # In the order of the __init__ parameters (as the dataclass had them), not
        # the sorted order of __slots__: that is the order repr shows.
        code = getattr(cls.__init__, "__code__", None)
        params = code.co_varnames[1 : code.co_argcount] if code is not None else ()
        ordered = [name for name in params if name in fields]
        cls._params = tuple(ordered)
        ordered += [name for name in fields if name not in ordered]
        cls._fields = tuple(name for name in ordered if name not in ignore)
        # attrgetter of one name returns the value itself, not a 1-tuple: fine for
        # comparing two records of one class, and hashing.
        cls._key = staticmethod(attrgetter(*cls._fields) if cls._fields else _no_fields)

    def replace(self, **changes: Any) -> Self:
        """A copy with some fields changed (what dataclasses.replace did)."""
        values = {name: getattr(self, name) for name in self._params}
        values.update(changes)
        return self.__class__(**values)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        key = self.__class__._key
        return key(self) == key(other)

    def __hash__(self) -> int:
        return hash(self.__class__._key(self))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{self.__class__.__qualname__}({fields})"
