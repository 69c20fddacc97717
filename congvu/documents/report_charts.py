"""The province report's charts, drawn on the server as PNG images, so the .docx carries them as
pictures that Word and LibreOffice print as is.

Pure functions of the frozen content (`ProvinceReport.content`): the same content draws the same
charts, byte for byte. DejaVu Sans carries every Vietnamese diacritic.

They are drawn with Pillow, not matplotlib: three bar charts are rectangles and text, and matplotlib
spent most of the report's files on them — 1.6 + 1.1 + 0.35 s of processor time for 40 units (load
~15 on 2 cores, 01/12/2026), mostly laying out its text objects twice for `bbox_inches="tight"`,
plus ~1 s to import it in each new server process. Pillow draws the same three in a few tens of
milliseconds. The look is kept: the same sizes (7.5 in wide at 150 dpi), colours, titles, axis
labels and order of the bars; the legend sits under the bars instead of over them."""

import importlib.util
import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from math import ceil, floor, log10
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

# The Government Office's buckets, as the charts stack them, with their colours (the pages' palette).
BUCKETS = (
    ("on_time", "Hoàn thành đúng hạn", "#2e7d32"),
    ("extended", "Hoàn thành sau gia hạn", "#9e9d24"),
    ("late", "Hoàn thành quá hạn", "#ef6c00"),
    ("within", "Đang giải quyết trong hạn", "#1565c0"),
    ("overdue", "Quá hạn chưa hoàn thành", "#c62828"),
)
DPI = 150
WIDTH_INCHES = 7.5
MAX_UNITS = 40  # beyond that, the units with the most work (the rest are in the annex)
ROW_INCHES = 0.32  # one unit's bar and the gap to the next
LABEL_SHARE = 0.42  # a unit's name takes at most this share of the width, then ends in "…"
INK, GRID, WHITE = "#262626", "#dddddd", "#ffffff"
# DejaVu Sans as matplotlib bundles it (a dependency already, so it is on every server); found
# without importing matplotlib, which alone costs about a second of processor time.
FONTS = Path(importlib.util.find_spec("matplotlib").submodule_search_locations[0]) / "mpl-data" / "fonts" / "ttf"


def px(points: float) -> int:
    """Typographic points (1/72 in) in pixels at the charts' resolution."""
    return round(points * DPI / 72)


@cache
def font(points: float, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), px(points))


def nice_ticks(top: float) -> list[float]:
    """0 up to at least `top` in about five steps of 1, 2, 2.5 or 5 × 10^k (as a chart's axis reads)."""
    if top <= 0:
        return [0.0, 1.0]
    rough = top / 5
    magnitude = 10 ** floor(log10(rough))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= rough)
    return [i * step for i in range(ceil(top / step - 1e-9) + 1)]


def number(value: float) -> str:
    """As Vietnamese prints it: 12.500 for twelve thousand five hundred, 2,5 for two and a half."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:.1f}".replace(".", ",")


def fitted(text: str, width: int, face: ImageFont.FreeTypeFont) -> str:
    """`text` cut to `width` pixels, ending in "…" when cut."""
    if face.getlength(text) <= width:
        return text
    while text and face.getlength(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def wrapped(text: str, width: int, face: ImageFont.FreeTypeFont) -> list[str]:
    """`text` in lines of at most `width` pixels, broken between words."""
    lines: list[str] = []
    for word in text.split():
        if lines and face.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    # zlib level 3: the units' chart (1125 × 2100 pixels) in 47 ms of processor time instead of 88 ms
    # at the default 6, for 16% more bytes (139 KB instead of 120 KB).
    image.save(out, format="PNG", dpi=(DPI, DPI), compress_level=3)
    return out.getvalue()


def _vertical_text(image: Image.Image, text: str, centre: tuple[int, int], face: ImageFont.FreeTypeFont) -> None:
    """An axis label read bottom to top, centred on `centre`."""
    left, top, right, bottom = face.getbbox(text)
    label = Image.new("RGB", (right - left + 2, bottom - top + 2), WHITE)
    ImageDraw.Draw(label).text((1 - left, 1 - top), text, font=face, fill=INK)
    label = label.rotate(90, expand=True)
    image.paste(label, (centre[0] - label.width // 2, centre[1] - label.height // 2))


@dataclass(frozen=True)
class Legend:
    entries: Sequence[tuple[str, str]]  # (label, colour)

    def lines(self, width: int) -> list[list[tuple[str, str]]]:
        """The entries in rows that fit `width`."""
        rows: list[list[tuple[str, str]]] = [[]]
        for entry in self.entries:
            if rows[-1] and sum(self.entry_width(e) for e in [*rows[-1], entry]) > width:
                rows.append([])
            rows[-1].append(entry)
        return [row for row in rows if row]

    @staticmethod
    def entry_width(entry: tuple[str, str]) -> int:
        return px(8) + px(3) + round(font(7).getlength(entry[0])) + px(12)

    def draw(self, draw: ImageDraw.ImageDraw, left: int, top: int, width: int) -> None:
        for row in self.lines(width):
            x = left
            for label, colour in row:
                draw.rectangle((x, top, x + px(8), top + px(8)), fill=colour)
                draw.text((x + px(11), top + px(4)), label, font=font(7), fill=INK, anchor="lm")
                x += self.entry_width((label, colour))
            top += px(12)


@dataclass(frozen=True)
class HorizontalBars:
    """One row per name, top to bottom, each row its segments stacked from the left."""

    title: str
    names: Sequence[str]
    rows: Sequence[Sequence[tuple[float, str]]]  # per name: (value, colour) …
    axis_label: str
    legend: Legend | None = None

    def draw(self) -> bytes:
        width, pad, pitch = round(WIDTH_INCHES * DPI), px(6), round(ROW_INCHES * DPI)
        names = [fitted(n, round(width * LABEL_SHARE), font(7)) for n in self.names]
        ticks = nice_ticks(max((sum(v for v, _ in row) for row in self.rows), default=0))
        left = pad + max((round(font(7).getlength(n)) for n in names), default=0) + px(6)
        right = width - pad - round(font(8).getlength(number(ticks[-1])) / 2)
        top = pad + px(10) + pad
        bottom = top + max(pitch * len(names), pitch * 3) + pitch // 2
        legend_lines = self.legend.lines(right - left) if self.legend else []
        height = bottom + px(4) + px(10) + px(4) + px(11) + pad + px(12) * len(legend_lines) + pad
        image = Image.new("RGB", (width, height), WHITE)
        draw = ImageDraw.Draw(image)
        draw.text((width // 2, pad), self.title, font=font(10, bold=True), fill=INK, anchor="mt")
        scale = (right - left) / ticks[-1]
        for tick in ticks:
            x = left + round(tick * scale)
            draw.line((x, top, x, bottom), fill=GRID, width=1)
            draw.line((x, bottom, x, bottom + px(3)), fill=INK, width=1)
            draw.text((x, bottom + px(4)), number(tick), font=font(8), fill=INK, anchor="mt")
        for index, (name, row) in enumerate(zip(names, self.rows, strict=True)):
            middle = top + pitch // 2 + index * pitch
            draw.text((left - px(4), middle), name, font=font(7), fill=INK, anchor="rm")
            x = float(left)
            for value, colour in row:
                end = x + value * scale
                if round(end) > round(x):  # a segment under a pixel wide is not drawn
                    draw.rectangle((round(x), middle - round(pitch * 0.4), round(end) - 1,
                                    middle + round(pitch * 0.4)), fill=colour)
                x = end
        draw.rectangle((left, top, right, bottom), outline=INK, width=1)
        axis_label_top = bottom + px(4) + px(10) + px(4)
        draw.text(((left + right) // 2, axis_label_top), self.axis_label, font=font(9), fill=INK, anchor="mt")
        if self.legend:
            self.legend.draw(draw, left, axis_label_top + px(11) + pad, right - left)
        return _png(image)


def units_chart(units: list[dict]) -> bytes:
    """Per unit, its work in the Government Office's buckets, stacked horizontal bars, the largest
    at the top."""
    shown = sorted(units, key=lambda u: -u["figures"]["assigned"])[:MAX_UNITS]
    return HorizontalBars(
        "Kết quả giải quyết công việc theo đơn vị", [u["unit"] for u in shown],
        [[(u["figures"][key], colour) for key, _, colour in BUCKETS] for u in shown], "Số công việc",
        Legend([(label, colour) for _, label, colour in BUCKETS])).draw()


def overdue_rate_chart(units: list[dict]) -> bytes:
    """The overdue rate per unit, highest first: where the province should look."""
    shown = sorted((u for u in units if u["figures"]["assigned"]), key=lambda u: -u["overdue_rate"])[:MAX_UNITS]
    return HorizontalBars("Tỷ lệ công việc quá hạn theo đơn vị", [u["unit"] for u in shown],
                          [[(u["overdue_rate"], "#c62828")] for u in shown], "Tỷ lệ quá hạn (%)").draw()


def province_chart(figures: dict[str, int]) -> bytes:
    """The province's work in the buckets, one bar each with its count (a pie hides small slices)."""
    width, height, pad = round(WIDTH_INCHES * DPI), round(3.2 * DPI), px(6)
    values = [figures[key] for key, _, _ in BUCKETS]
    ticks = nice_ticks(max(values, default=0) * 1.1)  # room for the counts over the bars
    left = pad + px(12) + max(round(font(8).getlength(number(t))) for t in ticks) + px(6)
    right, top = width - pad, pad + px(10) + pad
    slot = (right - left) / len(BUCKETS)
    captions = [wrapped(label, round(slot) - px(4), font(7)) for _, label, _ in BUCKETS]
    bottom = height - pad - px(9) * max(len(c) for c in captions) - px(4)
    image = Image.new("RGB", (width, height), WHITE)
    draw = ImageDraw.Draw(image)
    draw.text((width // 2, pad), "Toàn tỉnh", font=font(10, bold=True), fill=INK, anchor="mt")
    scale = (bottom - top) / ticks[-1]
    for tick in ticks:
        y = bottom - round(tick * scale)
        draw.line((left, y, right, y), fill=GRID, width=1)
        draw.line((left - px(3), y, left, y), fill=INK, width=1)
        draw.text((left - px(4), y), number(tick), font=font(8), fill=INK, anchor="rm")
    for index, ((_, _, colour), value, caption) in enumerate(zip(BUCKETS, values, captions, strict=True)):
        centre = round(left + slot * (index + 0.5))
        half = round(slot * 0.4)
        if value > 0:
            draw.rectangle((centre - half, bottom - round(value * scale), centre + half, bottom), fill=colour)
        draw.text((centre, bottom - round(value * scale) - px(2)), number(value), font=font(8), fill=INK, anchor="mb")
        for line_index, line in enumerate(caption):
            draw.text((centre, bottom + px(4) + line_index * px(9)), line, font=font(7), fill=INK, anchor="mt")
    draw.rectangle((left, top, right, bottom), outline=INK, width=1)
    _vertical_text(image, "Số công việc", (pad + px(5), (top + bottom) // 2), font(9))
    return _png(image)
