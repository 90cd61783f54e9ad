"""Parameter sweeps (pipeline/sweep.py, `ai-industry sweep`): the grid and its pairs, every combination checked
before anything runs, one run folder per combination keyed by its parameters, the stacked tables, and a new value
running only its new combination. The same sweep through a real Slurm: tests/pipeline/test_sweep_cluster.py."""

import json

import pandas as pd
import pytest
from helpers import cli, copy_project

from ai_industry.catalog.sections import load_config
from ai_industry.errors import ConfigError
from ai_industry.pipeline import sweep, sweep_jobs

SECTION = "ai-clusters-2023/geography"
GBA = ["广州", "深圳", "珠海", "佛山", "惠州", "东莞", "中山", "江门", "肇庆", "香港", "澳门"]


# ---- the grid ---------------------------------------------------------------------------------------------


def test_grid_options_multiply(tmp_path):
    combos = sweep.expand_grid(sweep.grid_from_args(["top_n=3,5", "lang=zh,en"]))
    assert combos == [
        {"top_n": "3", "lang": "zh"},
        {"top_n": "3", "lang": "en"},
        {"top_n": "5", "lang": "zh"},
        {"top_n": "5", "lang": "en"},
    ]


@pytest.mark.parametrize(
    "text",
    [
        "pairs: {city_a, city_b: [%s]}\n",  # the one-line form (YAML reads it as {city_a: null, city_b: [...]})
        'pairs: {"city_a, city_b": [%s]}\n',
        'pairs:\n  - "city_a, city_b": [%s]\n',
    ],
)
def test_a_grid_file_gives_every_unordered_pair_in_one_line(tmp_path, text):
    grid = tmp_path / "grid.yaml"
    grid.write_text(text % ", ".join(GBA), encoding="utf-8")
    combos = sweep.expand_grid(sweep.grid_from_file(grid))
    assert len(combos) == 55
    assert combos[0] == {"city_a": "广州", "city_b": "深圳"} and combos[-1] == {"city_a": "香港", "city_b": "澳门"}
    assert len({frozenset(c.values()) for c in combos}) == 55


def test_grid_file_and_options_combine(tmp_path):
    grid = tmp_path / "grid.yaml"
    grid.write_text("top_n: [3, 5]\npairs: {city_a, city_b: [广州, 深圳, 珠海]}\n", encoding="utf-8")
    combos = sweep.expand_grid(sweep.grid_from_args(["lang=en"]) + sweep.grid_from_file(grid))
    assert len(combos) == 6
    assert combos[0] == {"lang": "en", "top_n": 3, "city_a": "广州", "city_b": "深圳"}


@pytest.mark.parametrize(
    ("args", "text", "message"),
    [
        (["top_n"], None, "write key=value1,value2"),
        (["top_n=3,3"], None, "lists top_n=3 twice"),
        (["top_n=3"], "top_n: [5]\n", "'top_n' is swept twice"),
        ([], "pairs: {city_a, city_b: [广州]}\n", "at least two values"),
        ([], "pairs: [1, 2]\n", "write pairs as"),
        ([], "- 1\n", "expected a mapping"),
        ([], "top_n: [3\n", "not valid YAML"),
    ],
)
def test_bad_grids_are_one_clear_error(tmp_path, args, text, message):
    def grid():
        axes = sweep.grid_from_args(args)
        if text is not None:
            (tmp_path / "g.yaml").write_text(text, encoding="utf-8")
            axes += sweep.grid_from_file(tmp_path / "g.yaml")
        return sweep.expand_grid(axes)

    with pytest.raises(ConfigError, match=message):
        grid()


def test_a_combination_folder_is_keyed_by_its_parameters():
    a = sweep.combination_id({"city_a": "广州", "city_b": "深圳"})
    assert a == sweep.combination_id({"city_a": "广州", "city_b": "深圳"})  # stable from run to run
    assert a.startswith("广州-深圳-") and len(a.rsplit("-", 1)[1]) == 10
    assert a != sweep.combination_id({"city_a": "深圳", "city_b": "广州"})
    assert sweep.combination_id({"path": "/data/a b/c.csv"}).startswith("data_a_b_c.csv-")


# ---- the plan: every combination checked before anything runs ----------------------------------------------


def test_every_combination_is_checked_and_the_first_bad_one_named(repo):
    sec = load_config(repo).section(SECTION)
    plan = sweep.make_plan(sec, [{"top_n": "3"}, {"top_n": "5"}], repo)
    assert [c.swept for c in plan.combinations] == [{"top_n": 3}, {"top_n": 5}]
    assert plan.combinations[0].parameters["lang"] == "zh"
    with pytest.raises(ConfigError) as err:
        sweep.make_plan(sec, [{"top_n": "3"}, {"top_n": "0"}], repo)
    msg = str(err.value)
    assert msg.startswith("combination 2 of 2 (top_n=0): ")
    assert "parameter 'top_n' must be at least 1" in msg and "rule '[1, rows(enterprise_distribution)]'" in msg
    with pytest.raises(ConfigError, match=r"combination 1 of 1 \(topn=3\): .*has no parameter 'topn'"):
        sweep.make_plan(sec, [{"topn": "3"}], repo)
    with pytest.raises(ConfigError, match="combinations 1 and 2 of the grid are the same parameters"):
        sweep.make_plan(sec, [{"top_n": "3"}, {"top_n": "03"}], repo)


def test_a_bad_combination_stops_the_command_before_anything_runs(repo, tmp_path):
    out = tmp_path / "sweep"
    proc = cli(repo, "sweep", SECTION, "--grid", "top_n=3,0", "--out", str(out))
    assert proc.returncode == 2
    assert "combination 2 of 2 (top_n=0)" in proc.stderr and "Traceback" not in proc.stderr
    assert not out.exists()


def test_sweep_folders_stay_out_of_the_project_and_of_other_sweeps(repo, tmp_path):
    sec = load_config(repo).section(SECTION)
    for bad in (repo / "reports" / "s", repo / "src", repo):
        with pytest.raises(ConfigError, match="may not be the project"):
            sweep.sweep_folder(repo, sec, bad)
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine")
    with pytest.raises(ConfigError, match="neither empty nor a sweep folder"):
        sweep.sweep_folder(repo, sec, tmp_path / "busy")
    other = load_config(repo).section("gz-sz-synergy/patent_co_application")
    folder = sweep.sweep_folder(repo, other, tmp_path / "s")
    sweep.write_plan(folder, sweep.Plan(other.id, ("top_n",), ()))
    with pytest.raises(ConfigError, match="holds a sweep of gz-sz-synergy/patent_co_application"):
        sweep.sweep_folder(repo, sec, folder)


def test_an_executor_without_its_plugin_or_scheduler_is_one_clear_error(repo, monkeypatch):
    with pytest.raises(ConfigError, match="snakemake-executor-plugin-nosuch is not installed"):
        sweep.executor_args(repo, "nosuch", None, None)
    with pytest.raises(ConfigError, match="not a Snakemake profile"):
        sweep.executor_args(repo, None, repo / "workflow", None)
    import importlib.util

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None if "slurm" in name else real_find_spec(name))
    with pytest.raises(ConfigError, match="snakemake-executor-plugin-slurm is not installed: make install-slurm"):
        sweep.executor_args(repo, "slurm", None, None)
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: object() if "slurm" in name else real_find_spec(name))
    monkeypatch.setattr(sweep.shutil, "which", lambda _name: "/usr/bin/sbatch")
    args = sweep.executor_args(repo, "slurm", None, 8)
    assert args == ["--executor", "slurm", "--profile", str(repo / "workflow" / "profiles" / "slurm"), "--jobs", "8"]
    monkeypatch.setattr(sweep.shutil, "which", lambda _name: None)
    with pytest.raises(ConfigError, match="sbatch is not on PATH.*scripts/slurm-single-node.sh"):
        sweep.executor_args(repo, "slurm", None, None)


# ---- stacking ----------------------------------------------------------------------------------------------


def test_stacking_keeps_every_cell_and_names_the_parameters(tmp_path):
    plan = sweep.Plan(
        "r/s",
        ("city",),
        (sweep.Combination("a-1", {"city": "广州"}, {}), sweep.Combination("b-2", {"city": "深圳"}, {})),
    )
    for cid, text in (("a-1", "city,n,x\n广州,007,1.50\n"), ("b-2", "city,n,x\n深圳,8,\n")):
        path = tmp_path / "runs" / cid / "tables" / "zh" / "r" / "t.csv"
        path.parent.mkdir(parents=True)
        path.write_text(text, encoding="utf-8")
    stacked = sweep_jobs.stack_tables(tmp_path, plan)["t"]
    # a parameter named like a column of the table is param_<name>; cells stay the text the runs wrote
    assert list(stacked.columns) == ["combination", "param_city", "city", "n", "x"]
    assert stacked.values.tolist() == [["a-1", "广州", "广州", "007", "1.50"], ["b-2", "深圳", "深圳", "8", ""]]
    assert sweep_jobs.as_numbers(stacked)["x"].tolist()[0] == 1.5


def test_a_matrix_puts_the_rows_first_among_its_columns():
    df = pd.DataFrame(
        {
            "a": ["广州", "广州", "深圳", "深圳", "广州"],
            "b": ["北京", "深圳", "广州", "北京", "深圳"],
            "n": list("12345"),
        }
    )
    wide = sweep_jobs.matrix(df, "a", "b", "n")
    assert list(wide.columns) == ["a", "广州", "深圳", "北京"]
    assert wide.values.tolist() == [["广州", "", "2", "1"], ["深圳", "3", "", "4"]]


# ---- end to end ---------------------------------------------------------------------------------------------


def _csv(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _refuse_top_n_9(root):
    """The project copy's geography notebook fails for top_n=9 (a combination failing at run time)."""
    path = root / "notebooks" / "ai-clusters-2023" / "03_geography.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"].append(
        {
            "cell_type": "code",
            "metadata": {},
            "outputs": [],
            "execution_count": None,
            "source": "assert top_n != 9, 'no 9 here'",
        }
    )
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")


def test_a_sweep_runs_each_combination_stacks_their_tables_and_reruns_only_new_ones(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("project"))
    _refuse_top_n_9(root)
    cli(root, "sweep", SECTION, "--grid", "top_n=3,5", "--cores", "2", check=True)
    folder = root / "sweeps" / "ai-clusters-2023" / "03_geography"
    plan = json.loads((folder / "sweep.json").read_text(encoding="utf-8"))
    ids = [c["id"] for c in plan["combinations"]]
    assert [c["swept"] for c in plan["combinations"]] == [{"top_n": 3}, {"top_n": 5}]
    tables = []
    for cid, n in zip(ids, (3, 5)):
        run = folder / "runs" / cid
        for kind, ext in sweep.PRODUCTS:
            assert (run / kind / "zh" / "ai-clusters-2023" / f"03_geography.{ext}").is_file()
        manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["run"]["parameters"]["top_n"] == n and manifest["sweep"]["combination"] == cid
        tables.append(_csv(run / "tables" / "zh" / "ai-clusters-2023" / "enterprise_concentration.csv"))
    stacked = _csv(folder / "summary" / "tables" / "enterprise_concentration.csv")
    assert list(stacked.columns) == ["combination", "top_n", *tables[0].columns]
    assert stacked["combination"].tolist() == [ids[0]] * len(tables[0]) + [ids[1]] * len(tables[1])
    assert stacked["top_n"].tolist() == ["3"] * len(tables[0]) + ["5"] * len(tables[1])
    assert stacked.drop(columns=["combination", "top_n"]).equals(pd.concat(tables, ignore_index=True))
    xlsx = pd.read_excel(folder / "summary" / "tables" / "enterprise_concentration.xlsx", header=None)
    assert len(xlsx) == 1 + len(stacked) + 2  # header, the rows, a blank row, the runs' source line
    assert str(xlsx.iloc[-1, 0]).startswith("数据来源：")
    page = (folder / "summary" / "overview.html").read_text(encoding="utf-8")
    assert all(f"../runs/{cid}/html/zh/ai-clusters-2023/03_geography.html" in page for cid in ids)
    assert (folder / "summary" / "overview.pdf").read_bytes().startswith(b"%PDF")
    assert not (root / "reports").exists()  # the main build is untouched (its datasets were brought up to date)

    # two new values: only they run; one fails at run time, with one line, and leaves nothing behind
    before = {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file() and ".snakemake" not in p.parts}
    proc = cli(root, "sweep", SECTION, "--grid", "top_n=3,5,7,9")
    assert proc.returncode == 1
    assert "failed combination top_n=9: AssertionError: no 9 here" in proc.stderr and "Traceback" not in proc.stderr
    assert "sweep failed: 1 of 4 combinations ran, 1 failed" in proc.stderr
    unchanged = {p: t for p, t in before.items() if "summary" in p.parts or any(cid in p.parts for cid in ids)}
    assert unchanged == {p: p.stat().st_mtime_ns for p in unchanged}  # old combinations and summary untouched
    failed = [p.name for p in (folder / "failed").iterdir()]
    assert len(failed) == 1 and failed[0].startswith("9-") and not (folder / "runs" / failed[0]).exists()
    assert not list(folder.rglob(".*.partial-*")) and not list(folder.rglob(".*.tmp"))

    proc = cli(root, "sweep", SECTION, "--grid", "top_n=3,5,7", check=True)
    assert "0 of 3 combinations ran (3 up to date)" in proc.stderr
    stacked = _csv(folder / "summary" / "tables" / "enterprise_concentration.csv")
    assert stacked["top_n"].drop_duplicates().tolist() == ["3", "5", "7"]
