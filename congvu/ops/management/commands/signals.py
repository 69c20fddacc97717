from django.core.management.base import BaseCommand, CommandError

from congvu.lib import clock
from congvu.oversight import open_items, open_steps, signal_days
from congvu.oversight.periods import PeriodError, parse_period
from congvu.oversight.signal_check import differences
from congvu.work.signal_columns import rebuild_undecided_twice


class Command(BaseCommand):
    help = ("Dấu hiệu đùn đẩy (Mục 1.2): --rebuild ghi lại các cột mà số liệu nhanh đọc (sau khi chèn hàng loạt "
            "hoặc khôi phục); --check so số liệu nhanh với cách tính trực tiếp cho một kỳ.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--rebuild", action="store_true", help="ghi lại cột quá gấp đôi hạn, bộ đếm theo ngày")
        parser.add_argument("--check", action="store_true", help="so số liệu nhanh với cách tính trực tiếp")
        parser.add_argument("--ky", default="nam", help="thang|quy|nam|tuy-chon (mặc định: nam)")
        parser.add_argument("--nam", default="", help="năm của kỳ (mặc định: năm nay)")
        parser.add_argument("--thang", default="")
        parser.add_argument("--quy", default="")

    def handle(self, *args, rebuild: bool, check: bool, ky: str, nam: str, thang: str, quy: str, **options) -> None:
        if not rebuild and not check:
            raise CommandError("Chọn --rebuild hoặc --check")
        if rebuild:
            self.stdout.write(f"Đã ghi lại {rebuild_undecided_twice()} công việc.")
            self.stdout.write(f"Đã đếm lại bộ đếm dấu hiệu theo ngày đến sự kiện #{signal_days.rebuild()}.")
            self.stdout.write(f"Đã đọc lại các bước đang mở của {open_steps.rebuild()} công việc.")
            self.stdout.write(f"Đã đọc lại {open_items.rebuild()} công việc đang mở.")
        if check:
            self._check({k: v for k, v in {"ky": ky, "nam": nam, "thang": thang, "quy": quy}.items() if v})

    def _check(self, params: dict[str, str]) -> None:
        now = clock.now()
        params.setdefault("nam", str(now.year))
        try:
            period = parse_period(params, clock.today())
        except PeriodError as error:
            raise CommandError(error.message_vi) from error
        found = differences(period, now)
        for code, (fast, direct) in found.items():
            self.stdout.write(f"{code}: nhanh {sorted(fast.items())[:5]} … trực tiếp {sorted(direct.items())[:5]} …")
        if found:
            raise CommandError(f"{len(found)} dấu hiệu lệch với cách tính trực tiếp")
        self.stdout.write(f"Mọi dấu hiệu khớp với cách tính trực tiếp ({period.start:%d/%m/%Y}–{period.end:%d/%m/%Y}).")
