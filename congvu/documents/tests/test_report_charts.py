"""The province report's charts (drawn with Pillow): pictures of the frozen content that print as
the report needs them, the same content always drawing the same picture."""

import io

from PIL import Image

from congvu.documents import report_charts
from congvu.documents.report_charts import fitted, font, nice_ticks, number

RED = (0xC6, 0x28, 0x28)


def unit(name: str, assigned: int, rate: float = 0.0) -> dict:
    figures = {"assigned": assigned, "on_time": assigned // 2, "extended": 0, "late": 0,
               "within": assigned - assigned // 2, "overdue": 0}
    return {"unit": name, "figures": figures, "overdue_rate": rate}


def picture(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


def test_each_chart_is_a_png_seven_and_a_half_inches_wide_at_150_dpi():
    units = [unit("Sở Xây dựng", 120, 12.5), unit("Sở Tài chính", 40, 30.0)]
    for png in (report_charts.units_chart(units), report_charts.overdue_rate_chart(units),
                report_charts.province_chart({"on_time": 60, "extended": 5, "late": 7, "within": 50, "overdue": 8})):
        image = picture(png)
        assert image.format == "PNG" and image.width == 1125
        assert round(image.info["dpi"][0]) == 150


def test_the_same_content_draws_the_same_picture():
    units = [unit(f"Đơn vị {n}", 10 * n, n / 2) for n in range(1, 12)]
    assert report_charts.units_chart(units) == report_charts.units_chart([dict(u) for u in units])
    assert report_charts.overdue_rate_chart(units) == report_charts.overdue_rate_chart(units)


def test_a_rate_twice_as_high_draws_a_bar_twice_as_long_the_highest_on_top():
    image = picture(report_charts.overdue_rate_chart([unit("Sở Tài chính", 50, 20.0), unit("Sở Xây dựng", 50, 40.0)]))
    pixels = image.load()
    runs = []  # (first row, red pixels in it) for each bar, top to bottom
    for y in range(image.height):
        red = sum(1 for x in range(image.width) if pixels[x, y] == RED)
        if red and (not runs or runs[-1][0] < y - 1):
            runs.append((y, red))
        if red and runs:
            runs[-1] = (y, max(runs[-1][1], red))
    assert len(runs) == 2
    top, below = runs[0][1], runs[1][1]
    assert abs(top - 2 * below) <= 2


def test_beyond_forty_units_only_those_with_the_most_work_are_drawn():
    forty = [unit(f"Đơn vị {n}", 100 + n) for n in range(40)]
    more = [*forty, *(unit(f"Xã {n}", 1) for n in range(5))]
    assert picture(report_charts.units_chart(more)).height == picture(report_charts.units_chart(forty)).height


def test_a_period_without_work_still_draws_its_charts():
    idle = [unit("Sở Xây dựng", 0)]
    assert picture(report_charts.units_chart(idle)).width == 1125
    assert picture(report_charts.overdue_rate_chart(idle)).width == 1125  # no unit has work: no bar
    assert picture(report_charts.province_chart(dict.fromkeys(("on_time", "extended", "late", "within", "overdue"),
                                                             0))).width == 1125


def test_axes_read_in_round_steps_and_vietnamese_numbers():
    assert nice_ticks(11_800) == [0, 2500, 5000, 7500, 10_000, 12_500]
    assert nice_ticks(37.5) == [0, 10, 20, 30, 40]
    assert nice_ticks(0) == [0.0, 1.0]
    assert number(12_500) == "12.500" and number(2.5) == "2,5" and number(40.0) == "40"


def test_a_name_too_long_for_its_place_ends_in_an_ellipsis():
    name = "Ủy ban nhân dân xã Hòa Xuân Tây, thị xã Đông Hòa, tỉnh Phú Yên"
    cut = fitted(name, 200, font(7))
    assert cut.endswith("…") and name.startswith(cut[:-1].rstrip()) and font(7).getlength(cut) <= 200
    assert fitted("Sở Xây dựng", 200, font(7)) == "Sở Xây dựng"
