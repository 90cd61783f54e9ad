"""A figure's PNG file with its source line drawn under it, made from the figure's on-screen PNG.

The on-screen image (in the chapter's HTML and PDF) has no source line drawn in: the caption carries it as
text. The PNG file a reader takes away must carry it in the image. Drawing the figure a second time with the
line added cost a third of every figure's time (the PNG render is most of it; 190 figures in a build); here the
line is drawn alone, as a strip as wide as the image, and put under the on-screen PNG's pixels, which are kept
as they are.
"""

from __future__ import annotations

import io

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

STAMP_COLOR = "#555555"
STAMP_SIZE = 7  # points
PAD = 0.1  # inches around the text, as savefig's pad_inches around a tight figure
LINE_SPACING = 1.2  # matplotlib's default for multi-line text


def source_strip(text: str, min_width_px: int, dpi: float) -> np.ndarray:
    """`text` (lines already wrapped) drawn left-aligned on white, `STAMP_SIZE` points at `dpi`: an RGBA array
    at least `min_width_px` wide, wider if a line needs it (a line is never cut)."""
    lines = max(text.count("\n") + 1, 1)
    height_in = lines * LINE_SPACING * STAMP_SIZE / 72 + 2 * PAD
    fig = Figure(figsize=(min_width_px / dpi, height_in), dpi=dpi, facecolor="white")
    canvas = FigureCanvasAgg(fig)
    label = fig.text(
        PAD / fig.get_figwidth(), 1 - PAD / height_in, text, fontsize=STAMP_SIZE, color=STAMP_COLOR, ha="left", va="top"
    )
    need_px = label.get_window_extent(canvas.get_renderer()).x1 + PAD * dpi
    if need_px > min_width_px:
        fig.set_size_inches(need_px / dpi, height_in)
        label.set_x(PAD / fig.get_figwidth())
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


def stamped_png(png: bytes, text: str) -> bytes:
    """The PNG `png` with `text` drawn under it (see `source_strip`), at the PNG's own resolution. The image's
    pixels are kept; if the text is wider than the image, the image is padded with white on the right."""
    image = Image.open(io.BytesIO(png)).convert("RGBA")
    dpi = float(round(image.info.get("dpi", (150, 150))[0]))  # pHYs holds dots per metre: 150.0124 → 150
    strip = Image.fromarray(source_strip(text, image.width, dpi), "RGBA")
    out = Image.new("RGBA", (max(image.width, strip.width), image.height + strip.height), (255, 255, 255, 255))
    out.paste(image, (0, 0))
    out.paste(strip, (0, image.height))
    buf = io.BytesIO()
    out.save(buf, format="PNG", dpi=(dpi, dpi))
    return buf.getvalue()
