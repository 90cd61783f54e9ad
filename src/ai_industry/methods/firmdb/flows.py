"""Footnote 11's technology flows between places (seed 001 Tables 7–10, figures 16–17): every technology
relation runs from the place of the organisation that gives support (技术赋能地) to the place of the one that
receives it (技术输入地). A place's enabling share is its share of the located relations as the giving end, its
input share its share as the receiving end; a relation with either end unplaced (unresolved, missing, abroad)
is left out of the base and counted in `coverage`."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ai_industry.methods import network as nw
from ai_industry.methods.firmdb.database import FirmDB
from ai_industry.methods.firmdb.selection import relations_in

TECHNOLOGY = ("technology",)


def _located(db: FirmDB, year: int, level: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(the technology relations of `year`'s network as a mask, their ends' places, which have both ends placed)."""
    m = relations_in(db, year, TECHNOLOGY)
    place = db.orgs[level].astype(str).to_numpy()
    src = place[db.rel["s"].to_numpy()[m]]
    dst = place[db.rel["t"].to_numpy()[m]]
    return m, src, dst, (src != "") & (dst != "")


def flows(db: FirmDB, year: int, level: str = "province") -> pd.DataFrame:
    """rank, from (enabling place), to (input place), relations, share_pct (of all located relations), local
    (from == to), largest first (ties by name)."""
    _, src, dst, ok = _located(db, year, level)
    f = pd.DataFrame({"from": src[ok], "to": dst[ok]}).value_counts().rename("relations").reset_index()
    total = int(ok.sum())
    f["share_pct"] = 100.0 * f["relations"] / total if total else 0.0
    f["local"] = f["from"] == f["to"]
    f = f.sort_values(["relations", "from", "to"], ascending=[False, True, True]).reset_index(drop=True)
    f.insert(0, "rank", np.arange(1, len(f) + 1))
    return f


def coverage(db: FirmDB, year: int, level: str = "province") -> dict[str, int]:
    """How many technology relations the flows at `level` count and leave out (an end without a place), and of
    those left out how many have an end abroad (Tables 7–10 are of places in China)."""
    m, _, _, ok = _located(db, year, level)
    abroad = (db.orgs["place_status"] == "abroad").to_numpy(bool)
    far = abroad[db.rel["s"].to_numpy()[m]] | abroad[db.rel["t"].to_numpy()[m]]
    return {
        "relations": int(len(ok)),
        "located": int(ok.sum()),
        "left_out": int((~ok).sum()),
        "abroad": int((far & ~ok).sum()),
    }


def enabling_input(f: pd.DataFrame) -> pd.DataFrame:
    """Per place: enabling_pct (as the giving end), input_pct (as the receiving end), net_pct, and each
    direction's rank (Tables 7 and 10), from the flows."""
    out = nw.enabling_input_shares(f.rename(columns={"relations": "edges"}))
    out["enabling_rank"] = out["enabling_pct"].rank(method="min", ascending=False).astype(int)
    out["input_rank"] = out["input_pct"].rank(method="min", ascending=False).astype(int)
    return out


def footnote11_counts(db: FirmDB, year: int) -> pd.DataFrame:
    """Technology relations of the network of `year` by footnote 11's class: class, relations, share_pct."""
    m = relations_in(db, year, TECHNOLOGY)
    c = db.rel.loc[m, "footnote11"].astype(str).value_counts()
    df = c.rename_axis("footnote11").reset_index(name="relations")
    df["share_pct"] = 100.0 * df["relations"] / max(int(m.sum()), 1)
    return df
