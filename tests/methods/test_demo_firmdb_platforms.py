"""The SYNTHETIC demo's platform-network calibration (methods.demo.firmdb_platforms) on small hand-made cases:
yearly targets, the relations a swap must not move, and the year swaps that reach figure 15's shares while
every year's count, every node's first relation and every relation's ends stay."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ai_industry.methods import network as nw
from ai_industry.methods.demo import firmdb as demo
from ai_industry.methods.demo import firmdb_platforms as pf

YEARS = [2014, 2015, 2016, 2017]


def test_yearly_targets_printed_exact_interpolated_between_none_after():
    base = [100, 200, 400, 800]
    got = pf.yearly_targets(YEARS, base, {2015: 100, 2017: 600})
    # 2014 at 2015's share (50%), 2016 at the mean of 50% and 75% = 62.5% of 400
    assert got == [50, 100, 250, 600]
    assert pf.yearly_targets(YEARS, base, {2015: 100}) == [50, 100, None, None]


def test_yearly_targets_refuse_a_printed_count_above_the_whole():
    with pytest.raises(ValueError, match="above the whole"):
        pf.yearly_targets(YEARS, [100, 200, 400, 800], {2015: 300})


def test_anchors_are_one_first_relation_per_node():
    s, t = np.array([0, 0, 1, 2]), np.array([1, 2, 2, 0])
    year = np.array([2015, 2016, 2016, 2017])
    entry = np.array([2015, 2015, 2016])  # node 2 enters in 2016 with two relations: the first of them anchors it
    assert pf.anchors(s, t, year, entry).tolist() == [True, True, False, False]


def _hub_network(rng):
    """10 hubs, 990 leaves, all entering in 2021; each leaf's first relation (from its hub) in 2021, then random
    hub→leaf and leaf→hub relations in 2021 and 2022."""
    hubs, leaves = np.arange(10), np.arange(10, 1000)
    s = [leaves % 10]
    t = [leaves]
    extra = 3000
    h, lf = rng.choice(hubs, extra, p=np.arange(10, 0, -1) / 55), rng.choice(leaves, extra)
    flip = rng.random(extra) < 0.3
    s.append(np.where(flip, lf, h))
    t.append(np.where(flip, h, lf))
    e = pd.DataFrame({"s": np.concatenate(s), "t": np.concatenate(t)})
    e = e[e["s"] != e["t"]].drop_duplicates().reset_index(drop=True)
    e["year"] = np.where(np.arange(len(e)) < 990, 2021, rng.choice([2021, 2022], len(e)))
    e["pool"] = 0
    return e, np.full(1000, 2021)


def test_calibrate_concentration_reaches_the_printed_shares_and_keeps_everything_else():
    rng = np.random.default_rng(5)
    edges, entry = _hub_network(rng)
    now = edges[edges["year"] <= 2021]
    before = nw.top_shares(np.bincount(now["s"], minlength=1000)[np.unique(now[["s", "t"]])], (0.1, 0.01, 0.001))
    # the hubs take two points of the leaves' out-degree, the top hub one of them
    printed = {0.1: round(before[0.1] + 2, 1), 0.01: round(before[0.01] + 2, 1), 0.001: round(before[0.001] + 1, 1)}
    out = pf.calibrate_concentration(edges, entry, 2021, printed, rng)
    now = out[out["year"] <= 2021]
    got = nw.top_shares(np.bincount(now["s"], minlength=1000)[np.unique(now[["s", "t"]])], (0.1, 0.01, 0.001))
    assert {f: round(v, 1) for f, v in got.items()} == printed
    assert out["year"].value_counts().to_dict() == edges["year"].value_counts().to_dict()
    assert out[["s", "t"]].equals(edges[["s", "t"]])  # the same relations, only years swapped
    first = pf.anchors(edges["s"].to_numpy(), edges["t"].to_numpy(), edges["year"].to_numpy(), entry)
    assert (out["year"].to_numpy()[first] == 2021).all()  # every node still enters in 2021


def test_calibrate_concentration_says_when_no_swap_is_left():
    rng = np.random.default_rng(5)
    edges, entry = _hub_network(rng)
    edges["year"] = 2021  # nothing later to move in
    with pytest.raises(RuntimeError, match="no platform relation left"):
        pf.calibrate_concentration(edges, entry, 2021, {0.1: 99.0, 0.01: 90.0, 0.001: 50.0}, rng)


def test_pairing_falls_back_to_havel_hakimi_when_shuffling_cannot_avoid_repeats():
    """Source 0 holds three stubs and may only join 2, 3 and 4 (0→1 and 0→5 exist): the greedy pairing gives
    it exactly those and source 6 the rest, with no self-loop or repeat."""
    rng = np.random.default_rng(0)
    src = np.array([0, 0, 0, 6, 6])
    dst = np.array([1, 2, 3, 4, 5])
    seen = np.array([0 * 10 + 1, 0 * 10 + 5])  # 0→1 and 0→5 exist already
    got = demo._pair_greedy(src, dst, seen, 10, rng)
    pairs = set(zip(src.tolist(), got.tolist()))
    assert len(pairs) == 5 and (0, 1) not in pairs and (0, 5) not in pairs
    assert sorted(got.tolist()) == sorted(dst.tolist())
    with pytest.raises(RuntimeError, match="repeated"):
        demo._pair_greedy(np.array([0, 0]), np.array([1, 1]), np.zeros(0, dtype=np.int64), 10, rng)
