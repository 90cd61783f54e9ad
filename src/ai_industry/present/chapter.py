"""Figures, tables and text for chapters, each stamped with a source line taken from the catalog.

A notebook opens a `Chapter` for its section and language, then calls `figure`, `table` and `say`. Files go
under the output root (reports/, or the run's staging folder when executed by the runner):

    figures/<report>/<name>.<lang>.png|svg     the figure with its source line drawn in
    tables/<lang>/<report>/<name>.csv|xlsx     the table's data (stable column names), xlsx with source row
    tables/<lang>/<report>/<name>.meta.json    title, source lines and dataset ids of that table

Tables are per language because their labels (and some units: 亿元 in zh, billions in en) are; a zh build and an
en build never write the same file, whatever order they finish in.
"""

from __future__ import annotations

import base64
import html
import io
import json
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from ai_industry.catalog import datasets as catalog
from ai_industry.catalog.sections import load_config, product_paths, section_of_notebook
from ai_industry.contract import current_section, output_override
from ai_industry.errors import ConfigError
from ai_industry.io import write_bytes, write_csv, write_text, write_xlsx
from ai_industry.paths import project_root, reports_dir, seed_page
from ai_industry.present import labels
from ai_industry.present.figure_files import STAMP_COLOR, STAMP_SIZE, stamped_png
from ai_industry.present.fonts import setup_matplotlib


def output_root() -> Path:
    """Where figures and tables go: $AI_INDUSTRY_OUTPUT_DIR (set by the runner) or reports/."""
    env = output_override()
    return env if env is not None else reports_dir()


def source_lines(dataset_ids: Iterable[str], lang: str = "zh") -> str:
    """One source line for the datasets behind a figure or table: '数据来源：…' / 'Source: …'. Datasets of the
    same publication are grouped: the publication is named once, followed by each place in it.
    Besides catalog ids, 'file:<name>' names a user's own file and 'synthetic:<what>' labels generated
    demo data (always shown as SYNTHETIC)."""
    groups: dict[str, list[str]] = {}
    heads: dict[str, str] = {}
    for ds in dataset_ids:
        if ds.startswith("file:"):
            key, head, place = ds, (f"用户提供的数据 {ds[5:]}" if lang == "zh" else f"user-supplied data {ds[5:]}"), ""
        elif ds.startswith("synthetic:"):
            key, place = ds, ""
            head = (
                f"合成演示数据（SYNTHETIC，非真实数据）：{ds[10:]}"
                if lang == "zh"
                else f"SYNTHETIC demo data (not real data): {ds[10:]}"
            )
        else:
            src = catalog.source(ds)
            p = src.publication
            key = p.key
            head = (
                f"{p.publisher_zh}《{p.title_zh}》"
                if lang == "zh"
                else ", ".join(x for x in (p.publisher_en, p.title_en) if x)
            )
            place = f"{src.section}，{src.place}" if lang == "zh" else f"§{src.section_en}, {src.place_en}"
        heads.setdefault(key, head)
        places = groups.setdefault(key, [])
        if place and place not in places:
            places.append(place)
    if not groups:
        raise ValueError("a figure or table needs at least one source dataset")
    if lang == "zh":
        return "数据来源：" + "；".join(heads[k] + "；".join(v) for k, v in groups.items())
    return "Source: " + "; ".join(heads[k] + (", " + "; ".join(v) if v else "") for k, v in groups.items()) + "."


def _display(obj: Any) -> None:
    try:
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython is a dependency
        return
    display(obj)


class Chapter:
    """The output side of one section notebook in one language."""

    def __init__(self, section_id: str, lang: str = "zh", root: Path | None = None):
        if lang not in labels.LANGS:
            raise ValueError(f"lang must be one of {labels.LANGS}, not {lang!r}")
        self.root = root or project_root()
        self.section = load_config(self.root).section(section_id)
        self.lang = lang
        self.report = self.section.report
        setup_matplotlib()

    @classmethod
    def current(cls, lang: str = "zh", section: str | None = None, root: Path | None = None) -> Chapter:
        """The chapter of the notebook being run, so that no notebook types its own section id: the id the
        runner injects (`contract.SECTION_ENV`), else the notebook open in Jupyter (the kernel's
        JPY_SESSION_NAME, resolved against config/sections.yaml), else `section` if given."""
        sid = current_section() or section
        if sid is None:
            session = os.environ.get("JPY_SESSION_NAME")
            if not session:
                raise ConfigError(
                    "cannot tell which section this notebook is: run it with `ai-industry run`, "
                    "open it in JupyterLab, or name it: Chapter.current(lang, section='report/id')"
                )
            sid = section_of_notebook(session, root).id
        return cls(sid, lang=lang, root=root)

    # ---- inputs ---------------------------------------------------------------------------------------
    def dataset(self, name: str) -> str:
        """The full id of an input declared for this section, by short name (or full id)."""
        return self.section.input_id(name)

    def load(self, name: str) -> pd.DataFrame:
        """The processed table of an input declared for this section, by short name
        (`ch.load("enterprise_distribution")`); undeclared inputs are refused."""
        return catalog.load(self.dataset(name), self.root)

    def product(self, product_id: str) -> dict[str, Path]:
        """The files of a build product this section declares (`products:` in sections.yaml), name -> path,
        e.g. `ch.product("demo/firmdb")["organisations"]`; undeclared products are refused."""
        if product_id not in self.section.products:
            raise ConfigError(
                f"'{product_id}' is not a product of section {self.section.id} in config/sections.yaml "
                f"(declared: {', '.join(self.section.products) or 'none'}); add it there so the build knows the dependency"
            )
        return product_paths(product_id, self.root)

    def _ids(self, sources: Iterable[str]) -> list[str]:
        """Source names as full dataset ids: short names of declared inputs are resolved; full ids,
        'file:…' and 'synthetic:…' pass as they are."""
        return [s if ("/" in s or ":" in s) else self.dataset(s) for s in sources]

    # ---- labels ---------------------------------------------------------------------------------------
    def t(self, key: str, **fmt: object) -> str:
        return labels.t(key, self.lang, **fmt)

    def place(self, name: str) -> str:
        return labels.place(name, self.lang)

    def places(self, names) -> list[str]:
        return labels.places(names, self.lang)

    def pick(self, zh: str, en: str) -> str:
        return zh if self.lang == "zh" else en

    def source(self, dataset_ids: Iterable[str]) -> str:
        return source_lines(self._ids(dataset_ids), self.lang)

    # ---- text -----------------------------------------------------------------------------------------
    def header(self) -> None:
        """The chapter title (in the chapter's language) with the seed's section number."""
        s = self.section
        num = s.number if self.lang == "zh" else f"§{s.number_en}"
        sub = s.title_en if self.lang == "zh" else s.title_zh
        _html(
            f'<h1 class="chapter-title">{html.escape(num)} {html.escape(s.title(self.lang))}</h1>'
            f'<p class="chapter-subtitle">{html.escape(sub)}</p>'
        )

    def say(self, zh: str, en: str) -> None:
        """A paragraph of narrative (Markdown) in the chapter's language; numbers go in as formatted values.
        Sent as a raw text/markdown bundle (IPython's `Markdown` would read a text that names a file)."""
        from IPython.display import display

        display({"text/markdown": self.pick(zh, en)}, raw=True)

    def box(self, title: str, body_md: str, kind: str = "note") -> None:
        """A highlighted box (kind: note | discrepancy | limitation)."""
        import markdown_it

        body = markdown_it.MarkdownIt().render(body_md)
        _html(f'<div class="box box-{kind}"><p class="box-title">{html.escape(title)}</p>{body}</div>')

    def say_checks(self, findings: list[dict[str, str]]) -> None:
        """Boxes for findings (kind reproduced | discrepancy | note | limitation, text in zh and en)."""
        titles = {
            "reproduced": ("复算一致", "Reproduced"),
            "discrepancy": ("不一致", "Discrepancy"),
            "note": ("说明", "Note"),
            "limitation": ("数据局限", "Limitation"),
        }
        kinds = {"reproduced": "note", "discrepancy": "discrepancy", "note": "note", "limitation": "limitation"}
        for f in findings:
            zh, en = titles[f["kind"]]
            self.box(self.pick(zh, en), self.pick(f["zh"], f["en"]), kind=kinds[f["kind"]])

    def report_vs_data(self, seed: str, sections: list[str]) -> None:
        """The 'what the report says vs what the data say' box for this chapter: how many of the seed's claims
        in `sections` (ledger labels such as '五(二)(1)') the audit recomputed, and every discrepancy involving
        them (derivations on tables are recomputed where the section declares the tables). Needs
        `published/audit/claims` among the section's inputs."""
        from ai_industry.catalog import audit

        claims = self.load("published/audit/claims").fillna("")
        declared = set(self.section.inputs)
        audited = audit.audit_claims(
            claims, tables=audit.table_functions(self.load), readable=lambda ds: f"published/{ds}" in declared
        )
        self.say_checks(audit.section_findings(audited, seed, sections))

    # ---- figures --------------------------------------------------------------------------------------
    def figure(self, fig, name: str, sources: Iterable[str], title: str, note: str | None = None) -> None:
        """Save `fig` as PNG and SVG with the source line drawn in, and show it with title and source."""
        import matplotlib.pyplot as plt

        sources = self._ids(sources)
        src = self.source(sources)
        base = output_root() / "figures" / self.report
        png_path = base / f"{name}.{self.lang}.png"
        # the on-screen image (source line in the caption, where it is searchable text)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", bbox_inches="tight", metadata={"Software": None})
        # wrap by hand (matplotlib's wrap=True does not wrap under bbox_inches="tight"); a CJK character is
        # about as wide as two Latin ones at the same size, so count them double
        stamp_text = _wrap(src, max(int(fig.get_figwidth() * 17), 40))
        stamp = fig.text(0.01, -0.02, stamp_text, fontsize=STAMP_SIZE, color=STAMP_COLOR, ha="left", va="top")
        svg = io.BytesIO()
        fig.savefig(svg, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
        stamp.remove()
        plt.close(fig)
        # the PNG file: the on-screen pixels with the source line drawn under them (not a second render)
        write_bytes(stamped_png(buf.getvalue(), stamp_text), png_path)
        write_bytes(svg.getvalue(), base / f"{name}.{self.lang}.svg")
        b64 = base64.b64encode(buf.getvalue()).decode("ascii")
        cap = f'<p class="caption-title">{html.escape(title)}</p>'
        if note:
            cap += (
                f'<p class="caption-note">{html.escape(self.t("note"))}：{html.escape(note)}</p>'
                if self.lang == "zh"
                else f'<p class="caption-note">{html.escape(self.t("note"))}: {html.escape(note)}</p>'
            )
        cap += f'<p class="source-line">{html.escape(src)}</p>'
        _html(
            f'<figure class="chart"><img alt="{html.escape(title)}" src="data:image/png;base64,{b64}"/>'
            f"<figcaption>{cap}</figcaption></figure>"
        )

    # ---- tables ---------------------------------------------------------------------------------------
    def export(self, df: pd.DataFrame, name: str, sources: Iterable[str], title: str) -> Path:
        """Save `df` as CSV (UTF-8), XLSX (with the source line under the data) and a .meta.json naming its
        title, source lines and datasets, under tables/<lang>/<report>/; nothing is displayed."""
        sources = self._ids(sources)
        base = output_root() / "tables" / self.lang / self.report
        csv_path = write_csv(df, base / f"{name}.csv")
        write_xlsx(df, base / f"{name}.xlsx", footer=self.source(sources))
        meta = {
            "title": title,
            "section": self.section.id,
            "lang": self.lang,
            "rows": len(df),
            "source_line": {lg: source_lines(sources, lg) for lg in labels.LANGS},
            "datasets": sources,
        }
        write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", base / f"{name}.meta.json")
        return csv_path

    def table(
        self,
        df: pd.DataFrame,
        name: str,
        sources: Iterable[str],
        title: str,
        columns: Mapping[str, str] | None = None,
        formats: Mapping[str, str] | None = None,
        note: str | None = None,
        filterable: bool = False,
        values: Mapping[str, Mapping[Any, str]] | None = None,
    ) -> None:
        """Show `df` with its title and source line; save all of its data as CSV and XLSX (see `export`).
        `columns` maps the columns to show (in that order) to their labels; default: all, unlabelled.
        `formats` maps columns to format strings such as "{:.2f}". `filterable` adds a filter box (HTML only).
        `values` maps columns to {code: label} for what is shown (codes without a label stay as they are); the
        saved files keep the codes."""
        sources = self._ids(sources)
        src = self.source(sources)
        self.export(df, name, sources, title)
        shown = df.copy()
        for col, words in (values or {}).items():
            shown[col] = shown[col].map(lambda v, m=words: m.get(v, v)).astype(object)
        for col, f in (formats or {}).items():
            shown[col] = shown[col].map(lambda v, f=f: "" if pd.isna(v) else f.format(v))
        for col in shown.columns:  # pandas shows a missing value of Int64, boolean or string columns as "<NA>"
            if pd.api.types.is_extension_array_dtype(shown[col].dtype) and shown[col].isna().any():
                shown[col] = shown[col].astype(object).where(shown[col].notna(), "")
        seed = _single_seed(sources, self.root)
        if seed and "seed_line" in shown.columns and (not columns or "seed_line" in columns):
            # each seed line links to that line of the committed seed text (reports/seeds/<seed>.html#L<n>)
            for col in shown.columns:  # text is escaped here, numbers keep pandas' own formatting
                if shown[col].dtype == object or pd.api.types.is_string_dtype(shown[col]):
                    shown[col] = shown[col].map(lambda v: v if not isinstance(v, str) else html.escape(v))
            shown["seed_line"] = df["seed_line"].map(lambda v: _seed_link(seed, v))
            escape = False
        else:
            escape = True
        if columns:
            shown = shown[list(columns)].rename(
                columns={k: html.escape(v) if not escape else v for k, v in columns.items()}
            )
        body = shown.to_html(index=False, escape=escape, border=0, classes="data-table", na_rep="")
        if filterable:
            body = (
                f'<input class="table-filter" type="search" placeholder="{self.pick("筛选（任意文字）…", "Filter (any text)…")}" '
                'oninput="var q=this.value.toLowerCase();var rows=this.nextElementSibling.tBodies[0].rows;'
                "for(var i=0;i<rows.length;i++){rows[i].style.display=rows[i].textContent.toLowerCase().indexOf(q)>-1?'':'none';}\"/>"
                + body
            )
        foot = f'<p class="source-line">{html.escape(src)}</p>'
        if note:
            sep = "：" if self.lang == "zh" else ": "
            foot = f'<p class="caption-note">{html.escape(self.t("note"))}{sep}{html.escape(note)}</p>' + foot
        _html(f'<div class="table-block"><p class="caption-title">{html.escape(title)}</p>{body}{foot}</div>')


def _single_seed(sources: Iterable[str], root: Path | None = None) -> str | None:
    """The seed file behind a table's published datasets when there is exactly one (the claims ledger, which
    spans all four, and user or synthetic data do not count); None otherwise."""
    seeds = set()
    for ds in sources:
        if ":" in ds or ds == "published/audit/claims":
            continue
        seed = catalog.source(ds, root).publication.seed_file
        if seed.endswith(".txt"):
            seeds.add(seed)
    return seeds.pop() if len(seeds) == 1 else None


def _seed_link(seed_file: str, value: object) -> str:
    """A seed-line cell as a link to that line of the seed's page; the cell's text is kept as printed."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or str(value).strip() == "":
        return ""
    text = str(int(value)) if isinstance(value, float) and float(value).is_integer() else str(value)
    first = re.match(r"\d+", text)
    if not first:
        return html.escape(text)
    href = f"../../../{seed_page(seed_file)}#L{first[0]}"
    return f'<a class="seed-line" href="{href}">{html.escape(text)}</a>'


def _wrap(text: str, width: int) -> str:
    """Wrap `text` into lines of at most `width` columns, CJK characters counting two columns."""
    import unicodedata

    lines, line, cols = [], "", 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
        if cols + w > width and line:
            lines.append(line)
            line, cols = "", 0
        line += ch
        cols += w
    if line:
        lines.append(line)
    return "\n".join(lines)


def _html(markup: str) -> None:
    from IPython.display import HTML

    _display(HTML(markup))
