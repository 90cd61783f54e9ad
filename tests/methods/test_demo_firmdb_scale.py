"""The SYNTHETIC national-scale database of the scale benchmark, at a small size: the documented format (it loads
and validates), labelled SYNTHETIC, every relation with a sample end, the same tables for the same seed."""

from __future__ import annotations

import pandas as pd

from ai_industry.methods.demo import firmdb_scale
from ai_industry.methods.firmdb import database, graph


def test_small_national_database_validates_and_is_deterministic(tmp_path):
    folder = firmdb_scale.write(tmp_path, n_orgs=2_000, n_relations=20_000, seed=3)
    assert folder.name == "SYNTHETIC_firmdb_national_2000_20000_seed3"
    db = database.load(folder)
    assert len(db.orgs) == 2_000 and 19_000 < len(db.rel) <= 20_000  # exact repeats dropped and listed
    assert set(db.rel["footnote11"].astype(str)) == {"enabling", "input", "between_samples"}
    orgs, rel = firmdb_scale.generate(2_000, 20_000, seed=3)
    again = firmdb_scale.generate(2_000, 20_000, seed=3)
    pd.testing.assert_frame_equal(rel, again[1])
    assert (orgs["synthetic"] == "SYNTHETIC").all() and orgs["name"].str.startswith("SYNTHETIC").all()
    assert (rel["synthetic"] == "SYNTHETIC").all()
    yearly = graph.yearly(db, path_sample=64)
    assert list(yearly["year"]) == list(range(2014, 2023)) and yearly["nodes"].is_monotonic_increasing
