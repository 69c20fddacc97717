"""The working-regulation parameters congvu ships with. The administrator changes them at /quan-tri/;
a parameter missing from the database falls back to these values (see `queries.parameter`)."""

from typing import NamedTuple


class Default(NamedTuple):
    key: str
    description: str
    value: int
    minimum: int
    maximum: int
    legal_basis: str


DEFAULTS = (
    Default("consultation_reply_days", "Thời hạn trả lời xin ý kiến mặc định (ngày làm việc)", 5, 2, 15,
            "Quy chế làm việc của UBND tỉnh (Quyết định 04/2023/QĐ-UBND)"),
    Default("consultation_reminder_days", "Nhắc trả lời xin ý kiến trước hạn (ngày làm việc)", 1, 0, 5,
            "Quy chế làm việc của UBND tỉnh"),
    Default("present_within_days", "Trình lãnh đạo văn bản đến trong (ngày làm việc)", 1, 0, 2,
            "Nghị định 30/2020/NĐ-CP, Điều 24"),
    # The days a unit may hold work it then transfers or returns (clause 2.1) before they count as held
    # beyond its share in the figures.
    Default("pass_on_within_days", "Chuyển, trả lại văn bản không thuộc thẩm quyền trong (ngày làm việc)", 2, 1, 10,
            "Quy chế làm việc của UBND tỉnh; Văn bản 2230/UBND-NC, Mục 2.1"),
)
