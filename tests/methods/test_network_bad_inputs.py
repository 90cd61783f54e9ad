"""network-stats refuses what it would otherwise coerce: each bad network file gives exit 1 and a message naming
the file, row, column and rule (no traceback); an explicit --weight-default is the only way to fill empty
weights."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from ai_industry.cli import app

FIX = Path(__file__).resolve().parents[1] / "fixtures"
EDGES = (FIX / "gephi_edges.csv").read_text(encoding="utf-8")
NODES = (FIX / "gephi_nodes.csv").read_text(encoding="utf-8")
GEXF = (FIX / "small.gexf").read_text(encoding="utf-8")


def _stats(tmp_path: Path, edges: str | None, *extra: str, name: str = "edges.csv", nodes: str | None = None):
    path = tmp_path / name
    if edges is not None:
        path.write_text(edges, encoding="utf-8")
    args = ["network-stats", "--edges", str(path), "--json", *extra]
    if nodes is not None:
        (tmp_path / "nodes.csv").write_text(nodes, encoding="utf-8")
        args += ["--nodes", str(tmp_path / "nodes.csv")]
    return CliRunner().invoke(app, args)


CASES = [
    (
        "non-numeric-weight",
        EDGES.replace("a,b,Directed,1,2014", "a,b,Directed,heavy,2014"),
        {},
        ["row 1 (file line 2)", "'weight'", "weight is not a number", "'heavy'"],
    ),
    (
        "negative-weight",
        EDGES.replace("b,c,Directed,1,2014", "b,c,Directed,-3,2014"),
        {},
        ["row 2 (file line 3)", "finite number ≥ 0"],
    ),
    ("infinite-weight", EDGES.replace("b,c,Directed,1,2014", "b,c,Directed,inf,2014"), {}, ["finite number ≥ 0"]),
    (
        "empty-weight-without-default",
        EDGES.replace("a,b,Directed,1,2014", "a,b,Directed,,2014"),
        {},
        ["empty weight", "--weight-default"],
    ),
    ("header-only-edges", EDGES.splitlines()[0] + "\n", {}, ["no rows"]),
    ("no-source-column", EDGES.replace("Source,", "From,", 1), {}, ["required column is missing", "'source'"]),
    ("bad-year", EDGES.replace("a,b,Directed,1,2014", "a,b,Directed,1,二〇一四"), {}, ["not a year"]),
    ("dangling-edge", EDGES + "a,zz,Directed,1,2016\n", {"nodes": NODES}, ["node 'zz' that is not in the node table"]),
    ("duplicate-node-id", EDGES, {"nodes": NODES + "a,again,sample,,,2014\n"}, ["duplicate node id", "'a'"]),
    (
        "gexf-node-without-id",
        GEXF.replace('<node id="c" label', "<node label", 1),
        {"name": "g.gexf"},
        ["<node> without an id", "row 3"],
    ),
    (
        "gexf-edge-without-target",
        GEXF.replace('source="b" target="c"', 'source="b"', 1),
        {"name": "g.gexf"},
        ["<edge> without a target", "row 2"],
    ),
    ("gexf-not-xml", "this is not xml", {"name": "g.gexf"}, ["not a GEXF/XML file"]),
    ("edges-file-missing", None, {}, ["the file does not exist"]),
]


@pytest.mark.parametrize(("case", "edges", "opts", "expected"), CASES, ids=[c[0] for c in CASES])
def test_bad_network_file_is_refused_with_a_message(tmp_path, case, edges, opts, expected):
    res = _stats(tmp_path, edges, **opts)
    assert res.exit_code == 1, res.output
    assert "Traceback" not in res.output
    for part in expected:
        assert part in res.output, f"{case}: {part!r} not in {res.output}"


def test_a_folder_given_as_the_edge_file_is_refused(tmp_path):
    (tmp_path / "edges.csv").mkdir()
    res = _stats(tmp_path, None)
    assert res.exit_code == 1 and "a folder, not a file" in res.output


def test_empty_weights_take_an_explicit_default(tmp_path):
    edges = EDGES.replace("a,d,Directed,2,2015", "a,d,Directed,,2015")
    res = _stats(tmp_path, edges, "--weight-default", "2")
    assert res.exit_code == 0, res.output
    assert '"edges": ' in res.output
