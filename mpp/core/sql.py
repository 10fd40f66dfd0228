"""Hand-written SQL for the hall's hot paths, with the ORM's own conversions.

A counter action or a ticket makes 9-18 statements. Through the ORM each costs 0.2-0.4 ms
of CPU to build and compile and about 0.01-0.02 ms to run (``benchmarks/queue_costs.py``),
so the queue's hot paths (docs/queue.md, "Hot paths") write their statements by hand.
What this module keeps from the ORM is everything that makes a value right on both
databases: the columns of a model, the adaptation of each parameter by its field (aware
datetimes as SQLite stores them, JSON), and the converters that turn each column back
into the field's value before ``Model.from_db`` builds the instance. The SQL text of
every helper is built once per shape and kept.

Only plain statements belong here: equality filters and fixed joins. Anything with a
user's filters, a search or a page stays in the ORM.
"""

import functools
from collections.abc import Iterable, Sequence

from django.db import connection
from django.db.models import Field, Model


def qn(name: str) -> str:
    """A quoted name. Both databases quote with double quotes, so names are kept once made."""
    return connection.ops.quote_name(name)


@functools.cache
def table(model: type[Model]) -> str:
    return qn(model._meta.db_table)


@functools.cache
def column(model: type[Model], name: str) -> str:
    return qn(model._meta.get_field(name).column)


def prep(model: type[Model], name: str, value):
    """A parameter for ``model.name``, adapted as the ORM would write it."""
    return _field(model, name).get_db_prep_save(value, connection)


@functools.cache
def _field(model: type[Model], name: str) -> Field:
    return model._meta.get_field(name)


class Columns:
    """A model's columns (all, or the named ones and the key) under a table alias, and
    how a row of them becomes an instance. Declared at import, read on first use (the
    model's fields are known only once the apps are loaded)."""

    def __init__(self, model: type[Model], alias: str, names: Sequence[str] | None = None) -> None:
        self.model, self.alias, self.names = model, alias, names
        self._converters: dict[str, list] = {}

    @functools.cached_property
    def fields(self) -> list[Field]:
        meta = self.model._meta
        if self.names is None:
            return list(meta.concrete_fields)
        # In the model's order: Model.from_db places a partial row's values by it.
        wanted = {meta.pk.name, *self.names}
        return [f for f in meta.concrete_fields if f.name in wanted or f.attname in wanted]

    @functools.cached_property
    def attnames(self) -> list[str]:
        return [f.attname for f in self.fields]

    @functools.cached_property
    def sql(self) -> str:
        return ", ".join(f"{self.alias}.{qn(f.column)}" for f in self.fields)

    @functools.cached_property
    def width(self) -> int:
        return len(self.fields)

    def converters(self) -> list:
        """Per column, the backend's and the field's converters (as the ORM's compiler
        applies them), found once per database vendor."""
        found = self._converters.get(connection.vendor)
        if found is None:
            found = []
            for field in self.fields:
                col = field.cached_col
                found.append(connection.ops.get_db_converters(col) + col.get_db_converters(connection))
            self._converters[connection.vendor] = found
        return found

    def values(self, row: Sequence, start: int = 0) -> list:
        """The field values of ``row[start:start + width]``, converted as the ORM would, in
        the model's field order (the key first), not the order of ``names``."""
        values = list(row[start : start + self.width])
        for index, converters in enumerate(self.converters()):
            if converters:
                value = values[index]
                for converter in converters:
                    value = converter(value, self.fields[index].cached_col, connection)
                values[index] = value
        return values

    def build(self, row: Sequence, start: int = 0) -> Model | None:
        """The instance of ``row[start:start + width]``; None for a LEFT JOIN that found nothing."""
        if row[start] is None:
            return None
        return self.model.from_db(connection.alias, self.attnames, self.values(row, start))

    def build_all(self, rows: Iterable[Sequence]) -> list:
        return [self.build(row) for row in rows]


def select(*columns: Columns) -> str:
    """The select list of several tables' columns, one table after another."""
    return ", ".join(c.sql for c in columns)


def build_row(row: Sequence, *columns: Columns) -> list:
    """One instance per ``columns`` (None for a LEFT JOIN that found nothing), from a row
    that selected them one after another (``select``)."""
    built, start = [], 0
    for part in columns:
        built.append(part.build(row, start))
        start += part.width
    return built


def fetchone(sql: str, params: Iterable = ()) -> tuple | None:
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        return cursor.fetchone()


def fetchall(sql: str, params: Iterable = ()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        return cursor.fetchall()


def execute(sql: str, params: Iterable = ()) -> int:
    """Run a write; its row count."""
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        return cursor.rowcount


def placeholders(count: int) -> str:
    """``%s, %s, ...`` for an ``IN (...)`` list; for no values, ``NULL``, which matches
    nothing (``IN ()`` is a syntax error)."""
    return ", ".join(["%s"] * count) or "NULL"


_INSERTS: dict[tuple[type[Model], bool], tuple[str, list[Field]]] = {}


def insert(obj: Model) -> Model:
    """``obj.save()`` for a new row of a model with an automatic key: every column, with
    its defaults and ``pre_save`` as the ORM computes them, in one statement."""
    model = type(obj)
    # RETURNING on PostgreSQL and on SQLite 3.35 and later; older SQLite reports the new
    # row's id as lastrowid.
    returning = connection.vendor != "sqlite" or connection.features.can_return_columns_from_insert
    found = _INSERTS.get((model, returning))
    if found is None:
        fields = [f for f in model._meta.concrete_fields if f is not model._meta.pk]
        sql = (
            f"INSERT INTO {table(model)} ({', '.join(qn(f.column) for f in fields)}) "
            f"VALUES ({placeholders(len(fields))})"
        )
        if returning:
            sql += f" RETURNING {qn(model._meta.pk.column)}"
        found = _INSERTS[(model, returning)] = (sql, fields)
    sql, fields = found
    params = [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        obj.pk = cursor.fetchone()[0] if returning else cursor.lastrowid
    obj._state.adding = False
    obj._state.db = connection.alias
    return obj


_UPDATES: dict[tuple, str] = {}


def update(model: type[Model], pk: int, values: dict, **where) -> int:
    """``UPDATE`` one row by key, only while every ``where`` column still holds its value
    (``None``: is null); the row count says whether it did."""
    key = (model, tuple(values), tuple((name, value is None) for name, value in where.items()))
    sql = _UPDATES.get(key)
    if sql is None:
        sets = ", ".join(f"{column(model, name)} = %s" for name in values)
        conditions = [f"{qn(model._meta.pk.column)} = %s"] + [
            f"{column(model, name)} IS NULL" if value is None else f"{column(model, name)} = %s"
            for name, value in where.items()
        ]
        sql = _UPDATES[key] = f"UPDATE {table(model)} SET {sets} WHERE {' AND '.join(conditions)}"
    params = [prep(model, name, value) for name, value in values.items()]
    params.append(pk)
    params += [prep(model, name, value) for name, value in where.items() if value is not None]
    return execute(sql, params)


def for_update(of: str) -> str:
    """The row-lock clause for PostgreSQL (``FOR UPDATE OF alias``); SQLite has one writer
    and no such clause."""
    return f" FOR UPDATE OF {of}" if connection.vendor == "postgresql" else ""
