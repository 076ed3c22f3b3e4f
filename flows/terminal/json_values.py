"""Any value a DuckDB query returns, written as JSON, so `--json` never ends in a traceback.

The standard library's encoder knows only str, int, float, bool, None, lists and dicts, and
writes NaN as bare `NaN` (not JSON). DuckDB hands Python more: DECIMAL as Decimal (written as
the exact number, not rounded through a float), BLOB as bytes (base64), INTERVAL as timedelta
and UUID as uuid.UUID (strings), DATE, TIME and TIMESTAMP as ISO 8601 strings, STRUCT and MAP
as dicts (keys as text), LIST and ARRAY as lists. NaN and infinities become null.
"""
from __future__ import annotations

import base64
import json
import math
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID


def iso_duration(value: timedelta) -> str:
    """An interval as ISO 8601 ('P3DT2H30M', '-PT1H30M'); DuckDB's Python API gives months as
    30 days."""
    sign, value = ("-", -value) if value < timedelta(0) else ("", value)
    hours, rest = divmod(value.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    secs = f"{seconds}.{value.microseconds:06d}".rstrip("0").rstrip(".") if value.microseconds else str(seconds)
    clock = "".join(f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M")) if n)
    clock += f"{secs}S" if seconds or value.microseconds else ""
    if not value.days and not clock:
        return "PT0S"
    return f"{sign}P{f'{value.days}D' if value.days else ''}{'T' + clock if clock else ''}"


def _text(value: Any) -> str | None:
    """The string a value that JSON has no type for is written as (None: it is not one of them)."""
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, timedelta):
        return iso_duration(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, UUID):
        return str(value)
    return None


def _key(key: Any) -> str:
    """An object key: JSON's are strings (a MAP's may be dates or numbers)."""
    if isinstance(key, str):
        return key
    text = _text(key)
    return text if text is not None else "null" if key is None else str(key)


def to_json(value: Any) -> str:
    """`value` as JSON text, for any value DuckDB returns (anything else is written as its str)."""
    if value is None or value is True or value is False:
        return json.dumps(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, float):
        return repr(float(value)) if math.isfinite(value) else "null"
    if isinstance(value, Decimal):
        return str(value) if value.is_finite() else "null"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{json.dumps(_key(k), ensure_ascii=False)}: {to_json(v)}"
                               for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple, set, frozenset)):
        return "[" + ", ".join(to_json(v) for v in value) + "]"
    text = _text(value)
    return json.dumps(text if text is not None else str(value), ensure_ascii=False)
