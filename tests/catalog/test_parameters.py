"""Parameter rules declared in a notebook's parameters cell are checked before any kernel starts: ranges
(also per list item, and bounded by an input's rows), choices, paths (must exist, made absolute), and a
parameter given twice on the command line is refused."""

from __future__ import annotations

import json

import pytest

from ai_industry.catalog.parameters import check_parameters, notebook_rules, parse_rule
from ai_industry.catalog.sections import load_config, resolve_parameters
from ai_industry.errors import ConfigError

CELL = """lang = "zh"  # {zh|en} language
top_n = 5  # [1, rows(table)] rows shown
rates = [20.0, 40.0]  # [-99, 1000] growth rates
years = [2014, 2022]  # [1800, 2100] <pair> first and last year
status = ""  # {|ok|bad} filter
path = ""  # <path> your file
note = 3  # a plain comment, no rule
"""


def _nb(tmp_path, src=CELL):
    nb = {"cells": [{"cell_type": "code", "metadata": {"tags": ["parameters"]}, "source": src}], "metadata": {}}
    p = tmp_path / "n.ipynb"
    p.write_text(json.dumps(nb), encoding="utf-8")
    return p


def test_rules_are_read_from_the_comments(tmp_path):
    rules = notebook_rules(_nb(tmp_path))
    assert set(rules) == {"lang", "top_n", "rates", "years", "status", "path"}
    assert rules["years"].pair and rules["years"].low == 1800 and not rules["rates"].pair
    assert rules["top_n"].low == 1 and rules["top_n"].high == "table"
    assert rules["status"].choices == ("", "ok", "bad") and rules["path"].path


@pytest.mark.parametrize(
    "params, message",
    [
        ({"top_n": -5}, "'top_n' must be at least 1, not -5"),
        ({"top_n": 15}, "'top_n' must be at most 14 (the rows of input table), not 15"),
        ({"rates": [10.0, 5000.0]}, "'rates' must be at most 1000, not 5000.0"),
        ({"lang": "fr"}, "'lang' takes one of zh, en, not 'fr'"),
        ({"status": "maybe"}, "takes one of (empty), ok, bad, not 'maybe'"),
        ({"path": "missing.csv"}, "'path' names a path that does not exist: 'missing.csv'"),
        ({"path": "*.nothing"}, "'path' matches no file"),
        ({"years": [2022, 2014]}, "'years' takes [first, last] with first ≤ last, not [2022, 2014]"),
        ({"years": [2014]}, "'years' takes two numbers [first, last] or [] (the section's own range), not [2014]"),
        ({"years": [2014, 2016, 2018]}, "'years' takes two numbers [first, last]"),
        ({"years": [1700, 2022]}, "'years' must be at least 1800, not 1700"),
    ],
)
def test_a_value_outside_its_rule_is_refused_naming_rule_and_notebook(tmp_path, params, message):
    nb = _nb(tmp_path)
    with pytest.raises(ConfigError) as exc:
        check_parameters("r/s", nb, params, rows=lambda name: 14, cwd=tmp_path)
    assert message in str(exc.value) and str(nb) in str(exc.value) and "rule '" in str(exc.value)


def test_good_values_pass_and_paths_become_absolute(tmp_path):
    (tmp_path / "data.csv").write_text("a\n1\n")
    nb = _nb(tmp_path)
    out = check_parameters(
        "r/s", nb, {"top_n": 14, "status": "", "path": "data.csv", "rates": [1.0]}, rows=lambda n: 14, cwd=tmp_path
    )
    assert out["path"] == str((tmp_path / "data.csv").resolve()) and out["top_n"] == 14
    assert check_parameters("r/s", nb, {"years": []}, rows=lambda n: 14, cwd=tmp_path)["years"] == []  # own range
    # an input not built yet: its rows bound is checked later, before the kernel starts
    assert check_parameters("r/s", nb, {"top_n": 10**6}, rows=lambda n: None, cwd=tmp_path)["top_n"] == 10**6


def test_malformed_rules_are_configuration_errors():
    with pytest.raises(ConfigError, match="write \\[low, high\\]"):
        parse_rule("x", "[1] text", "nb")
    with pytest.raises(ConfigError, match="neither a number nor rows"):
        parse_rule("x", "[1, many] text", "nb")
    assert parse_rule("x", "no rule here", "nb") is None


def test_every_section_default_passes_its_rules(repo):
    cfg = load_config(repo)
    for sec in cfg.sections():
        resolve_parameters(sec, {}, repo, lang="en")


def test_list_parameters_keep_their_item_type(repo):
    sec = load_config(repo).section("china-ai-industry-2022/china_market")
    assert resolve_parameters(sec, {"extra_rates": "[10, 30]"}, repo)["extra_rates"] == [10.0, 30.0]
    with pytest.raises(ConfigError, match="takes a list of numbers"):
        resolve_parameters(sec, {"extra_rates": "abc"}, repo)
