"""Arrow helpers shared by the patent method's stages (text columns in, numpy masks and pandas series out)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


# ---- Arrow helpers ---------------------------------------------------------------------------------------------
def _arrow(values: pd.Series | pd.Index | Sequence[Any]) -> pa.ChunkedArray:
    """A string ChunkedArray view of a pandas string Series/Index (no copy for Arrow-backed strings)."""
    arr = values.array if isinstance(values, (pd.Series, pd.Index)) else values
    if hasattr(arr, "__arrow_array__"):
        out = arr.__arrow_array__()
    else:
        out = pa.array(np.asarray(arr, dtype=object), type=pa.large_string(), from_pandas=True)
    if not isinstance(out, pa.ChunkedArray):
        out = pa.chunked_array([out])
    if not (pa.types.is_string(out.type) or pa.types.is_large_string(out.type)):
        out = out.cast(pa.large_string())
    return out


def _mask(result: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """A boolean Arrow result as a numpy bool array, null = False."""
    return np.asarray(pc.fill_null(result, False).to_numpy(zero_copy_only=False), dtype=bool)


def _str_series(values: pa.ChunkedArray | pa.Array, index: pd.Index | None = None) -> pd.Series:
    """An Arrow string column as a pandas `str` Series (no copy of the text), with `index` set positionally."""
    if isinstance(values, pa.Array):
        values = pa.chunked_array([values])
    s = values.to_pandas()
    return s.set_axis(index) if index is not None else s


_RE2_META = re.compile(r"([\\.^$|?*+()\[\]{}])")


def _re2_escape(term: str) -> str:
    return _RE2_META.sub(r"\\\1", term)
