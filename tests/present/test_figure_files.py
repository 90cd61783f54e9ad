"""A figure's PNG file: the on-screen pixels kept, the source line drawn under them, never cut."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

from ai_industry.present.figure_files import source_strip, stamped_png  # noqa: E402
from ai_industry.present.fonts import setup_matplotlib  # noqa: E402


def _png(width_in: float = 4.0) -> bytes:
    setup_matplotlib()
    fig, ax = plt.subplots(figsize=(width_in, 2.5))
    ax.bar(["广州", "深圳"], [3, 5], color="#0b3d6e")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=150, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def _ink_rows(a: np.ndarray) -> np.ndarray:
    return np.where((a[:, :, :3] < 200).any(axis=(1, 2)))[0]


def test_the_on_screen_pixels_are_kept_and_the_line_is_drawn_under_them():
    png = _png()
    screen = np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))
    out = Image.open(io.BytesIO(stamped_png(png, "数据来源：报告 001，表7\nSource: seed 001, Table 7")))
    assert round(out.info["dpi"][0]) == 150
    got = np.asarray(out.convert("RGBA"))
    h, w = screen.shape[:2]
    assert got.shape[1] == w and got.shape[0] > h
    assert (got[:h, :w] == screen).all()  # the figure itself, pixel for pixel
    below = got[h:]
    ink = _ink_rows(below)
    assert len(ink) > 0  # the source line is there
    two_lines = _ink_rows(np.asarray(Image.fromarray(source_strip("一\n二", w, 150.0))))
    one_line = _ink_rows(np.asarray(Image.fromarray(source_strip("一", w, 150.0))))
    assert two_lines.max() > one_line.max()  # each wrapped line gets its own row


def test_a_line_wider_than_the_figure_widens_the_file_instead_of_being_cut():
    png = _png(width_in=1.2)
    text = "数据来源：" + "一份很长的来源说明" * 12
    out = np.asarray(Image.open(io.BytesIO(stamped_png(png, text))).convert("RGBA"))
    screen = np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))
    assert out.shape[1] > screen.shape[1]
    strip = out[screen.shape[0] :]
    cols = np.where((strip[:, :, :3] < 200).any(axis=(0, 2)))[0]
    assert cols.max() < out.shape[1] - 5  # white margin on the right: nothing cut off


def test_same_input_same_bytes():
    png = _png()
    assert stamped_png(png, "Source: x") == stamped_png(png, "Source: x")
