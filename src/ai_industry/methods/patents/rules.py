"""The rule files of the patent method (src/ai_industry/methods/rules/): export headers, AI-patent rules,
applicant types; each loaded into a small frozen dataclass."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ai_industry.errors import ConfigError

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
HEADERS_FILE = RULES_DIR / "patent_headers.yaml"
AI_RULES_FILE = RULES_DIR / "ai_patent_rules.yaml"
APPLICANT_TYPES_FILE = RULES_DIR / "applicant_types.yaml"

FIVE_YEAR_PLANS: dict[str, tuple[int, int]] = {
    "十一五": (2006, 2010),
    "十二五": (2011, 2015),
    "十三五": (2016, 2020),
    "十四五": (2021, 2025),
}
SEED_PERIODS: dict[str, tuple[int, int]] = {"十二五": (2011, 2015), "十三五": (2016, 2020)}


def _threads() -> int:
    return max(1, min(2, os.cpu_count() or 1))


# ---- rule files ------------------------------------------------------------------------------------------------
def _read_yaml(path: Path | str) -> dict[str, Any]:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"rule file not found: {path}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML ({exc})") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level")
    return data


def norm_header(text: object) -> str:
    """A header (or a patent-type value) in comparable form: NFKC (full-width -> half-width), no spaces, casefolded."""
    s = unicodedata.normalize("NFKC", str(text)).replace("\ufeff", "")
    return re.sub(r"\s+", "", s).casefold()


@dataclass(frozen=True)
class HeaderRules:
    """Canonical field -> accepted headers (priority order), required fields, separators, patent-type mapping."""

    fields: dict[str, tuple[str, ...]]
    required: tuple[tuple[str, ...], ...]
    separators: tuple[str, ...]
    patent_types: dict[str, tuple[str, ...]]
    kind_codes: dict[str, tuple[str, ...]]
    source: str = str(HEADERS_FILE)

    def lookup(self) -> dict[str, tuple[str, int]]:
        """Normalised header -> (field, priority); the first field claiming a header keeps it."""
        out: dict[str, tuple[str, int]] = {}
        for fld, headers in self.fields.items():
            for prio, h in enumerate(headers):
                out.setdefault(norm_header(h), (fld, prio))
        return out


def load_header_rules(path: Path | str | None = None, extra: Mapping[str, Sequence[str]] | None = None) -> HeaderRules:
    """The header mapping (rules/patent_headers.yaml), optionally replaced or extended by the YAML at `path`
    (`extends: default` merges it, its headers first) and by `extra` {field: [header, ...]} (highest priority)."""
    base = _read_yaml(HEADERS_FILE)
    if path is not None:
        user = _read_yaml(path)
        if user.get("extends") == "default":
            for fld, spec in (user.get("fields") or {}).items():
                old = base["fields"].get(fld, {"headers": []})
                base["fields"][fld] = {**old, "headers": list(spec.get("headers", [])) + list(old["headers"])}
            for key in ("required", "applicant_separators", "patent_types", "kind_codes"):
                if key in user:
                    base[key] = user[key]
        else:
            base = user
    fields = {f: list((spec or {}).get("headers", [])) for f, spec in (base.get("fields") or {}).items()}
    for fld, headers in (extra or {}).items():
        if isinstance(headers, str):
            headers = [headers]
        fields[fld] = list(headers) + fields.get(fld, [])
    required = tuple(tuple(r) if isinstance(r, list) else (r,) for r in base.get("required", []))
    for group in required:
        for fld in group:
            if fld not in fields:
                raise ConfigError(f"header rules: required field '{fld}' has no headers")
    return HeaderRules(
        fields={f: tuple(h) for f, h in fields.items()},
        required=required,
        separators=tuple(base.get("applicant_separators", [";", "；", "|"])),
        patent_types={k: tuple(v) for k, v in (base.get("patent_types") or {}).items()},
        kind_codes={k: tuple(v) for k, v in (base.get("kind_codes") or {}).items()},
        source=str(path or HEADERS_FILE),
    )


@dataclass(frozen=True)
class AIRule:
    """One identification rule: Chinese terms (case-sensitive substrings), English terms (case-insensitive, from
    a word start) and/or IPC codes (subclass like G06N or main group like G10L15)."""

    id: str
    group: str
    label_zh: str = ""
    label_en: str = ""
    zh: tuple[str, ...] = ()
    en: tuple[str, ...] = ()
    ipc: tuple[str, ...] = ()
    enabled: bool = True


def _rules_from(data: dict[str, Any], source: str) -> list[AIRule]:
    rules = []
    for i, r in enumerate(data.get("rules") or []):
        if not isinstance(r, dict) or "id" not in r or "group" not in r:
            raise ConfigError(f"{source}: rule #{i + 1} needs an 'id' and a 'group'")
        unknown = set(r) - {"id", "group", "label_zh", "label_en", "zh", "en", "ipc", "enabled", "seed_line", "note"}
        if unknown:
            raise ConfigError(f"{source}: rule '{r['id']}' has unknown keys {sorted(unknown)}")
        rule = AIRule(
            id=str(r["id"]),
            group=str(r["group"]),
            label_zh=str(r.get("label_zh", "")),
            label_en=str(r.get("label_en", "")),
            zh=tuple(map(str, r.get("zh") or ())),
            en=tuple(map(str, r.get("en") or ())),
            ipc=tuple(re.sub(r"\s+", "", str(c)).upper() for c in r.get("ipc") or ()),
            enabled=bool(r.get("enabled", True)),
        )
        if not (rule.zh or rule.en or rule.ipc):
            raise ConfigError(f"{source}: rule '{rule.id}' has no zh, en or ipc terms")
        bad = [c for c in rule.ipc if not re.fullmatch(r"[A-H]\d{2}[A-Z](\d{1,4})?", c)]
        if bad:
            raise ConfigError(f"{source}: rule '{rule.id}': {bad} are not IPC subclasses or main groups (G06N, G10L15)")
        rules.append(rule)
    ids = [r.id for r in rules]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise ConfigError(f"{source}: duplicate rule ids {dup}")
    return rules


def load_ai_rules(path: Path | str | None = None) -> list[AIRule]:
    """AI identification rules: rules/ai_patent_rules.yaml, or the YAML at `path` (which, with `extends: default`,
    adds to and overrides the default rules by id)."""
    default = _rules_from(_read_yaml(AI_RULES_FILE), str(AI_RULES_FILE))
    if path is None:
        return default
    data = _read_yaml(path)
    user = _rules_from(data, str(path))
    if data.get("extends") != "default":
        return user
    by_id = {r.id: r for r in user}
    merged = [by_id.pop(r.id, r) for r in default]
    return merged + list(by_id.values())


@dataclass(frozen=True)
class TypeRule:
    id: str
    type: str
    ends_with: tuple[str, ...] = ()
    contains: tuple[str, ...] = ()
    regex: str = ""
    ignore_case: bool = False


@dataclass(frozen=True)
class ApplicantTypeRules:
    types: dict[str, dict[str, str]]
    groups: dict[str, tuple[str, ...]]
    default: str
    rules: tuple[TypeRule, ...]
    source: str = str(APPLICANT_TYPES_FILE)


def load_applicant_type_rules(path: Path | str | None = None) -> ApplicantTypeRules:
    """Applicant-type rules: rules/applicant_types.yaml, or the YAML at `path` (with `extends: default` its rules
    are tried before the default ones)."""
    base = _read_yaml(APPLICANT_TYPES_FILE)
    source = str(APPLICANT_TYPES_FILE)
    if path is not None:
        user = _read_yaml(path)
        source = str(path)
        if user.get("extends") == "default":
            base = {
                **base,
                "rules": list(user.get("rules") or []) + list(base.get("rules") or []),
                "types": {**base["types"], **(user.get("types") or {})},
                "groups": {**base["groups"], **(user.get("groups") or {})},
            }
        else:
            base = user
    types = {k: dict(v or {}) for k, v in (base.get("types") or {}).items()}
    default = str(base.get("default", "other"))
    if default not in types:
        raise ConfigError(f"{source}: default type '{default}' is not among types {list(types)}")
    rules = []
    for i, r in enumerate(base.get("rules") or []):
        rid = str(r.get("id", f"rule{i + 1}"))
        if r.get("type") not in types:
            raise ConfigError(f"{source}: rule '{rid}' has type {r.get('type')!r}, not one of {list(types)}")
        rule = TypeRule(
            id=rid,
            type=r["type"],
            ends_with=tuple(r.get("ends_with") or ()),
            contains=tuple(r.get("contains") or ()),
            regex=str(r.get("regex") or ""),
            ignore_case=bool(r.get("ignore_case", False)),
        )
        if not (rule.ends_with or rule.contains or rule.regex):
            raise ConfigError(f"{source}: rule '{rid}' has no ends_with, contains or regex")
        rules.append(rule)
    groups = {k: tuple(v) for k, v in (base.get("groups") or {}).items()}
    for g, members in groups.items():
        bad = [m for m in members if m not in types]
        if bad:
            raise ConfigError(f"{source}: group '{g}' names unknown types {bad}")
    return ApplicantTypeRules(types=types, groups=groups, default=default, rules=tuple(rules), source=source)
