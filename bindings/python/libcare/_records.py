"""Python records as the JSON of the dataset file (private): lists of dicts or pandas
DataFrames, serialised in bulk by ``json`` or pandas, never a Python call per field."""

import datetime as _dt
import json
import math

from .errors import UsageError


def records_json(name, records):
    """One list of the dataset file as JSON text, built in bulk."""
    if records is None:
        return "[]"
    if type(records).__module__.startswith("pandas") and hasattr(records, "to_json"):
        return frame_json(records)
    if isinstance(records, (str, bytes, dict)):
        raise UsageError("%s must be a list of dicts or a pandas DataFrame" % name)
    try:
        records = list(records)
    except TypeError:
        raise UsageError("%s must be a list of dicts or a pandas DataFrame, not %s"
                         % (name, type(records).__name__)) from None
    try:
        return json.dumps(records, default=json_default, allow_nan=False, ensure_ascii=False,
                          separators=(",", ":"))
    except ValueError as e:
        raise UsageError("%s: %s (use None for an absent value, not NaN)" % (name, e)) from None
    except TypeError as e:
        raise UsageError("%s: %s" % (name, e)) from None


def json_default(value):
    # date before datetime's parent check: a datetime is a timestamp, a date a date.
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if hasattr(value, "item") and hasattr(value, "dtype"):  # numpy scalars
        item = value.item()
        if isinstance(item, float) and not math.isfinite(item):
            return None
        return item
    if hasattr(value, "tolist"):  # numpy arrays
        return value.tolist()
    raise TypeError("%s is not a JSON value" % type(value).__name__)


_TIMESTAMP_FIELDS = ("at",)


def frame_json(frame):
    """A DataFrame's rows as a JSON list, serialised by pandas (no Python call per field).
    Date columns become 'YYYY-MM-DD', the `at` column RFC 3339 timestamps; NaN/NaT become
    null, which the loader reads as absent."""
    import pandas as pd

    frame = frame.copy(deep=False)
    for col in frame.columns:
        s = frame[col]
        if pd.api.types.is_datetime64_any_dtype(s):
            if col in _TIMESTAMP_FIELDS:
                frame[col] = s.map(lambda t: None if pd.isna(t) else t.isoformat())
            else:
                frame[col] = s.dt.strftime("%Y-%m-%d")
        elif s.dtype == object:
            sample = s.dropna()
            if len(sample) and isinstance(sample.iloc[0], (_dt.date, list, dict)):
                frame[col] = s.map(lambda v: json.loads(json.dumps(v, default=json_default))
                                   if isinstance(v, (list, dict))
                                   else (v.isoformat() if isinstance(v, _dt.date) else v))
    return frame.to_json(orient="records", double_precision=15, force_ascii=False)
