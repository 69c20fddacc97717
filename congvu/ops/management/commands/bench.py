import json

from django.core.management.base import BaseCommand, CommandError

from congvu.ops.bench import as_dict, bench


class Command(BaseCommand):
    help = "Đo tải chuẩn province-day(N) (DESIGN §8) trên cơ sở dữ liệu đang cấu hình, trong một CSDL tạm."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--items", type=int, default=2000)
        parser.add_argument("--json", action="store_true", help="in một đối tượng JSON")

    def handle(self, *args, items: int, json: bool, **options) -> None:
        if items < 1:
            raise CommandError("--items phải lớn hơn 0")
        progress = None if json else (lambda done: self.stderr.write(f"  … {done} công việc"))
        result = bench(items, progress)
        if json:
            self.stdout.write(_dumps(as_dict(result)))
        else:
            self.stdout.write(
                f"congvu bench — {result.engine}, {result.items} công việc, {result.actions} thao tác\n"
                f"  thao tác/giây:                {result.actions_per_second}"
                f" = {result.ratio_to_floor:.0%} của nền CSDL trần ({result.floor_actions_per_second}/s,"
                f" đo xen kẽ trên cùng đĩa)\n"
                f"  đọc: quá hạn theo đơn vị      {result.read_overdue_ms} ms\n"
                f"  đọc: bảng số liệu theo đơn vị {result.read_figures_ms} ms\n"
                f"  quét coi như đồng ý:          {result.deemed_agreements} yêu cầu trong {result.sweep_seconds} s\n"
                f"  bộ nhớ đỉnh:                  {result.peak_memory_mb} MB\n"
                f"  kiểm tra kết quả:             {'ĐẠT' if result.check_passed else 'KHÔNG ĐẠT'} {result.checks}"
            )
        if not result.check_passed:
            raise CommandError("Kết quả đo không khớp số liệu mong đợi")


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False)
