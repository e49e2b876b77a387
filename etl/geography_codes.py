"""NIS code normalisation shared by every reader."""
from __future__ import annotations

import pandas as pd


def nis(series: pd.Series) -> pd.Series:
    """NIS codes as 5-character strings (spreadsheets drop the leading zero of 04000, floats add .0)."""
    return series.astype(str).str.strip().str.replace(r"\.0$", "", regex=True).str.zfill(5)
