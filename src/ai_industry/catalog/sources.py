"""The published-data registry: `data/raw/published/sources.yaml` (the publications and the claims ledger)
and one `data/raw/published/<report>/sources.yaml` per report, beside the CSVs it describes.

Each dataset entry says where its numbers were transcribed from (seed file, section, table or text, line
range), their unit, notes on the transcription, and the schema (columns, key, checks) that guards it.
See docs/data-conventions.md for the format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ai_industry.errors import ConfigError
from ai_industry.paths import published_dir

SOURCES_FILE = "sources.yaml"


@dataclass(frozen=True)
class Publication:
    """A seed report as a publication: what a source line names."""

    key: str
    seed_file: str
    title_zh: str
    title_en: str
    publisher_zh: str
    publisher_en: str
    year: int | None = None


@dataclass(frozen=True)
class DatasetSource:
    """One transcribed dataset and where it came from."""

    id: str
    publication: Publication
    file: str
    title_zh: str
    title_en: str
    section: str
    section_en: str
    place: str
    place_en: str
    lines: tuple[int, int]
    unit: str
    notes: str
    columns: dict[str, dict[str, Any]]
    key: tuple[str, ...] = ()
    checks: tuple[dict[str, Any], ...] = ()
    entry: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def report(self) -> str:
        return self.id.split("/")[1]

    @property
    def name(self) -> str:
        return self.id.split("/")[2]

    def raw_path(self, root: Path | None = None) -> Path:
        return published_dir(root) / self.file

    def source_line(self, lang: str = "zh") -> str:
        """The citation printed under a figure or table, naming the publication and the place in it."""
        p = self.publication
        if lang == "zh":
            return f"{p.publisher_zh}《{p.title_zh}》{self.section}，{self.place}"
        return ", ".join(x for x in (p.publisher_en, p.title_en, f"§{self.section_en}", self.place_en) if x)


@dataclass(frozen=True)
class Sources:
    publications: dict[str, Publication]
    datasets: dict[str, DatasetSource]

    def dataset(self, dataset_id: str) -> DatasetSource:
        try:
            return self.datasets[dataset_id]
        except KeyError:
            known = "\n  ".join(sorted(self.datasets))
            raise ConfigError(f"unknown dataset '{dataset_id}'. Known datasets:\n  {known}") from None


def _publication(key: str, d: dict[str, Any]) -> Publication:
    return Publication(
        key=key,
        seed_file=d["seed_file"],
        title_zh=d["title_zh"],
        title_en=d["title_en"],
        publisher_zh=d.get("publisher_zh", ""),
        publisher_en=d.get("publisher_en", ""),
        year=d.get("year"),
    )


def parse_sources(doc: dict[str, Any], where: str = SOURCES_FILE) -> Sources:
    """Build the registry from the parsed YAML document, checking that every entry is complete."""
    pubs = {k: _publication(k, v) for k, v in (doc.get("publications") or {}).items()}
    datasets: dict[str, DatasetSource] = {}
    required = ("publication", "file", "title_zh", "title_en", "section", "place", "lines", "unit", "columns")
    for ds_id, e in (doc.get("datasets") or {}).items():
        missing = [k for k in required if k not in e]
        if missing:
            raise ConfigError(f"{where}: dataset '{ds_id}' lacks {', '.join(missing)}")
        if e["publication"] not in pubs:
            raise ConfigError(f"{where}: dataset '{ds_id}' names unknown publication '{e['publication']}'")
        lines = tuple(int(x) for x in e["lines"])
        datasets[ds_id] = DatasetSource(
            id=ds_id,
            publication=pubs[e["publication"]],
            file=e["file"],
            title_zh=e["title_zh"],
            title_en=e["title_en"],
            section=str(e["section"]),
            section_en=str(e.get("section_en", e["section"])),
            place=e["place"],
            place_en=e.get("place_en", e["place"]),
            lines=(lines[0], lines[-1]),
            unit=e["unit"],
            notes=e.get("notes", ""),
            columns=dict(e["columns"]),
            key=tuple(e.get("key", ())),
            checks=tuple(e.get("checks", ())),
            entry=e,
        )
    return Sources(pubs, datasets)


def _read_yaml(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}


def source_files(root: Path | None = None) -> list[Path]:
    """The registry's files: the top one (publications), then each report's, sorted by report."""
    top = published_dir(root)
    return [top / SOURCES_FILE] + sorted(top.glob(f"*/{SOURCES_FILE}"))


@lru_cache(maxsize=8)
def _load(files: tuple[tuple[str, float], ...]) -> Sources:
    """Merge the registry files: publications only in the top file; a report's datasets only in its own file
    (ids published/<report>/...), each id once."""
    top_path = files[0][0]
    doc = _read_yaml(Path(top_path))
    merged: dict[str, Any] = {
        "publications": doc.get("publications") or {},
        "datasets": dict(doc.get("datasets") or {}),
    }
    where = {ds: top_path for ds in merged["datasets"]}
    for path, _ in files[1:]:
        part = _read_yaml(Path(path))
        report = Path(path).parent.name
        if part.get("publications"):
            raise ConfigError(f"{path}: publications belong in {top_path}, not in a report's sources.yaml")
        for ds_id, entry in (part.get("datasets") or {}).items():
            if ds_id in where:
                raise ConfigError(f"{path}: dataset '{ds_id}' is already declared in {where[ds_id]}")
            if ds_id.split("/")[1:2] != [report]:
                raise ConfigError(f"{path}: dataset '{ds_id}' belongs in the sources.yaml of its own report folder")
            merged["datasets"][ds_id] = entry
            where[ds_id] = path
    return parse_sources(merged, where=top_path)


def load_sources(root: Path | None = None) -> Sources:
    """The registry of the project at `root` (cached while its files are unchanged)."""
    return _load(tuple((str(p), p.stat().st_mtime) for p in source_files(root)))


def sources_mtime(root: Path | None = None) -> float:
    """The newest modification time of the registry's files (a cache key for what is derived from them)."""
    return max(p.stat().st_mtime for p in source_files(root))
