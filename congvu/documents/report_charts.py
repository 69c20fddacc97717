"""The province report's charts, drawn on the server as PNG images (matplotlib's Agg backend: no
display, no browser), so the .docx carries them as pictures that Word and LibreOffice print as is.

Pure functions of the frozen content (`ProvinceReport.content`): the same content draws the same
charts. DejaVu Sans, bundled with matplotlib, carries every Vietnamese diacritic."""

import io

import matplotlib

matplotlib.use("Agg")  # before pyplot: a server has no display

from matplotlib import pyplot as plt  # noqa: E402 - after choosing the backend
from matplotlib.figure import Figure  # noqa: E402

# The Government Office's buckets, as the charts stack them, with their colours (the pages' palette).
BUCKETS = (
    ("on_time", "Hoàn thành đúng hạn", "#2e7d32"),
    ("extended", "Hoàn thành sau gia hạn", "#9e9d24"),
    ("late", "Hoàn thành quá hạn", "#ef6c00"),
    ("within", "Đang giải quyết trong hạn", "#1565c0"),
    ("overdue", "Quá hạn chưa hoàn thành", "#c62828"),
)
DPI = 150
MAX_UNITS = 40  # beyond that, the units with the most work (the rest are in the annex)


def _png(figure: Figure) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI, bbox_inches="tight")
    plt.close(figure)
    return out.getvalue()


def units_chart(units: list[dict]) -> bytes:
    """Per unit, its work in the Government Office's buckets, stacked horizontal bars."""
    shown = sorted(units, key=lambda u: -u["figures"]["assigned"])[:MAX_UNITS]
    shown.reverse()  # the largest at the top
    height = max(2.5, 0.32 * len(shown) + 1.2)
    figure, axes = plt.subplots(figsize=(7.5, height))
    names = [u["unit"] for u in shown]
    left = [0] * len(shown)
    for key, label, colour in BUCKETS:
        values = [u["figures"][key] for u in shown]
        axes.barh(names, values, left=left, color=colour, label=label)
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.set_xlabel("Số công việc")
    axes.tick_params(axis="y", labelsize=7)
    axes.legend(fontsize=7, loc="lower right")
    axes.set_title("Kết quả giải quyết công việc theo đơn vị", fontsize=10)
    return _png(figure)


def province_chart(figures: dict[str, int]) -> bytes:
    """The province's work in the buckets, one bar each (a pie hides small slices)."""
    figure, axes = plt.subplots(figsize=(7.5, 3.2))
    labels = [label for _, label, _ in BUCKETS]
    values = [figures[key] for key, _, _ in BUCKETS]
    bars = axes.bar(range(len(values)), values, color=[c for _, _, c in BUCKETS])
    axes.bar_label(bars, fontsize=8)
    axes.set_xticks(range(len(values)), labels, fontsize=7, rotation=12)
    axes.set_ylabel("Số công việc")
    axes.set_title("Toàn tỉnh", fontsize=10)
    return _png(figure)


def overdue_rate_chart(units: list[dict]) -> bytes:
    """The overdue rate per unit, highest first: where the province should look."""
    shown = sorted((u for u in units if u["figures"]["assigned"]), key=lambda u: -u["overdue_rate"])[:MAX_UNITS]
    shown.reverse()
    height = max(2.5, 0.3 * len(shown) + 1.2)
    figure, axes = plt.subplots(figsize=(7.5, height))
    axes.barh([u["unit"] for u in shown], [u["overdue_rate"] for u in shown], color="#c62828")
    axes.set_xlabel("Tỷ lệ quá hạn (%)")
    axes.tick_params(axis="y", labelsize=7)
    axes.set_title("Tỷ lệ công việc quá hạn theo đơn vị", fontsize=10)
    return _png(figure)
