"""The polars engine of identify_ai (the default) gives what the reference engines give (pyahocorasick for Chinese
terms, Arrow's RE2 for English terms and IPC codes): the same matches, AI flags, rule counts and summary, on the
SYNTHETIC demo export and on the cases where RE2 and Rust's regex crate read a pattern differently unless told
(Unicode word boundaries and whitespace, case folding)."""

from __future__ import annotations

import random
import string

import pandas as pd
import pytest

from ai_industry.errors import ConfigError
from ai_industry.methods import patents as pt
from ai_industry.methods.patents.rules import AIRule


def same_as_reference(pats: pd.DataFrame, engines=("aho", "re2"), **kwargs) -> pt.AIIdentification:
    """The polars identification of `pats`, checked equal (values, dtypes, index, summary) to each reference."""
    got = pt.identify_ai(pats, engine="polars", **kwargs)
    for engine in engines:
        ref = pt.identify_ai(pats, engine=engine, **kwargs)
        pd.testing.assert_frame_equal(got.matches, ref.matches)
        pd.testing.assert_series_equal(got.is_ai, ref.is_ai)
        pd.testing.assert_series_equal(got.n_rules, ref.n_rules)
        pd.testing.assert_frame_equal(got.summary, ref.summary)
    return got


@pytest.fixture(scope="module")
def demo_patents(tmp_path_factory) -> pd.DataFrame:
    """3,000 rows of the SYNTHETIC demo export, read."""
    path = pt.generate_demo(3000, folder=tmp_path_factory.mktemp("demo"))
    return pt.read_export(path).patents


def test_polars_is_the_default_engine_and_engines_are_checked(demo_patents):
    assert pt.identify_ai(demo_patents.head(10)).params["engine"] == "polars"
    with pytest.raises(ConfigError, match="engine must be one of"):
        pt.identify_ai(demo_patents.head(10), engine="hyperscan")


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"groups": ("ipc",)},
        {"groups": ("keyword", "ipc"), "how": "all_groups"},
        {"groups": ("keyword", "ipc"), "how": "any"},
        {"languages": ("zh",)},
        {"languages": ("en",)},
        {"fields": ("abstract",), "ipc_fields": ("ipc",)},
    ],
)
def test_polars_engine_reproduces_the_reference_on_the_demo(demo_patents, kwargs):
    got = same_as_reference(demo_patents, **kwargs)
    assert len(got.is_ai) == 3000 and got.is_ai.any() == (kwargs.get("languages") != ("en",))  # no English in the demo


# English terms where RE2 (ASCII \b and \s, simple case folding) and Rust's regex crate (Unicode \b and \s by
# default) would disagree; `ai` is what RE2 says, so the expectation is the reference's.
ENGLISH = [
    ("Machine Learning for vision", True),
    ("MACHINE-LEARNING", True),
    ("machine - learning", True),
    ("machine\tlearning", True),
    ("采用machine learning方法", True),  # ASCII word boundary next to a Chinese character
    ("émachine learning", True),  # é is not an ASCII word character
    ("machine_learning", False),
    ("xmachine learning", False),
    ("machine\u3000learning", False),  # ideographic space is not RE2's \s
    ("machine\u00a0learning", False),  # nor is a no-break space
    ("machine\vlearning", False),  # nor a vertical tab
    ("\u212anowledge engineering", False),  # Kelvin sign: folds to k, but no ASCII word boundary before it
    ("a\u212anowledge engineering", True),  # ...which there is after an ASCII letter
    ("neural network\u017f", True),  # long s folds to s
    ("deep learnıng", False),  # dotless i does not fold to i
    (None, False),
]


@pytest.mark.parametrize("text, ai", ENGLISH)
def test_english_terms_are_read_as_re2_reads_them(text, ai):
    pats = pd.DataFrame({"title": [text], "abstract": [None]}, dtype="str")
    assert same_as_reference(pats).is_ai.tolist() == [ai]


def test_chinese_terms_and_ipc_codes_match_as_in_the_reference():
    pats = pd.DataFrame(
        {
            "title": ["基于神经网络的图像识别方法", "人工", "一种齿轮", None, "自然语言处理", "机器学习机器学习"],
            "abstract": ["智能", None, "利用机器学习。", "模式识别", "", "ABC"],
            "ipc_main": ["G06N 3/04", "g06n3/04", "AG06N3/04", "G10L0015/22", None, "F16H1/28"],
            "ipc": ["A61B5/00;G06N3/08", None, "G06F40/30", "", "B60W;G06K9/62", "G10L15"],
        },
        dtype="str",
    )
    for kwargs in ({}, {"groups": ("ipc",)}, {"groups": ("keyword", "ipc"), "how": "all_groups"}):
        same_as_reference(pats, **kwargs)
    categorical = pats.assign(title=pd.Categorical(pats["title"]))
    same_as_reference(categorical)
    empty = pats.iloc[:0]
    assert same_as_reference(empty, groups=("keyword", "ipc")).summary["patents_matched"].sum() == 0


def test_empty_chinese_terms_are_skipped_as_the_aho_engine_skips_them():
    rules = [AIRule(id="jia", group="keyword", label_zh="甲", label_en="", zh=("", "甲"))]
    pats = pd.DataFrame({"title": ["甲", "乙", None], "abstract": [None, None, None]}, dtype="str")
    got = same_as_reference(pats, engines=("aho",), rules=rules)
    assert got.is_ai.tolist() == [True, False, False]


def test_a_regex_too_large_for_polars_falls_back_to_the_reference():
    rnd = random.Random(1)
    words = [
        " ".join("".join(rnd.choice(string.ascii_lowercase) for _ in range(8)) for _ in range(2)) for _ in range(10_000)
    ]
    rules = [AIRule(id="many", group="keyword", label_zh="", label_en="many", en=tuple(words))]
    pats = pd.DataFrame({"title": [words[5].upper(), f"x {words[7]}s", "y"], "abstract": [None] * 3}, dtype="str")
    got = same_as_reference(pats, rules=rules)
    assert got.is_ai.tolist() == [True, True, False]
    assert got.params["engine"] == "aho"  # the record names the engine that ran
