"""Bulk updates in one statement, with history rows: ``UPDATE … FROM (VALUES …)`` on PostgreSQL.

Django's ``bulk_update`` writes ``SET f = CASE WHEN id = 1 THEN … WHEN id = 2 THEN … END`` for every
field, an expression per row and field that the ORM builds and resolves in Python: re-judging a plan of
48 commitments on 12 fields took ~120 ms of the worker's time there, and a parse re-judges several
plans. Here each row is one tuple of parameters. Other databases (SQLite, the embedded mode) keep
``bulk_update``.
"""

from __future__ import annotations

from django.db import connections, router, transaction
from simple_history.utils import get_history_manager_for_model

# rows per statement: 500 rows × 13 fields stays far below PostgreSQL's 65,535 parameters
BATCH = 500


def bulk_set(model, rows: list, fields: list[str]) -> None:
    """Write ``fields`` of ``rows`` (model instances with their pk) in one statement per ``BATCH``."""
    if not rows or not fields:
        return
    conn = connections[router.db_for_write(model)]
    if conn.vendor != "postgresql":
        model.objects.bulk_update(rows, fields, batch_size=BATCH)
        return
    meta = model._meta
    columns = [meta.pk, *(meta.get_field(f) for f in fields)]
    quote = conn.ops.quote_name
    names = [quote(c.column) for c in columns]
    tuple_sql = "(" + ", ".join(f"%s::{c.db_type(conn)}" for c in columns) + ")"
    assign = ", ".join(f"{n} = v.{n}" for n in names[1:])
    with conn.cursor() as cursor:
        for lo in range(0, len(rows), BATCH):
            batch = rows[lo:lo + BATCH]
            params = [c.get_db_prep_save(getattr(row, c.attname), conn) for row in batch for c in columns]
            cursor.execute(
                f"UPDATE {quote(meta.db_table)} AS t SET {assign} "
                f"FROM (VALUES {', '.join([tuple_sql] * len(batch))}) AS v({', '.join(names)}) "
                f"WHERE t.{names[0]} = v.{names[0]}", params)


def bulk_set_with_history(model, rows: list, fields: list[str]) -> None:
    """``bulk_set`` and one history row per row (type ``~``), with each row's ``_change_reason`` and
    ``_history_user`` as django-simple-history's ``bulk_update_with_history`` writes them."""
    if not rows:
        return
    with transaction.atomic(using=router.db_for_write(model), savepoint=False):
        bulk_set(model, rows, fields)
        get_history_manager_for_model(model).bulk_history_create(rows, batch_size=BATCH, update=True,
                                                                 default_change_reason=None)
