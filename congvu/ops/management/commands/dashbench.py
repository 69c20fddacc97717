import json

from django.core.management.base import BaseCommand, CommandError

from congvu.ops.dashbench import as_dict, dashbench

NAMES = {"page_month": "/tong-hop/ (tháng hiện tại)", "page_year": "/tong-hop/ (năm 2025)",
         "api_dashboard_year": "GET /api/oversight/dashboard (năm)",
         "api_signals_year": "GET /api/oversight/signals (năm)"}


class Command(BaseCommand):
    help = ("Đo thời gian trả lời của trang tổng hợp (/tong-hop/) và API theo kỳ trên một CSDL tạm: "
            "--items N công việc qua các thao tác thật (congvu simulate), hoặc --bulk N công việc chèn hàng loạt; "
            "mục tiêu dưới 500 ms.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--items", type=int, default=2000, help="số công việc mô phỏng qua thao tác thật")
        parser.add_argument("--bulk", type=int, default=0, help="thay vào đó, chèn hàng loạt N công việc")
        parser.add_argument("--trail", type=int, default=0,
                            help="với --bulk: thêm K sự kiện (chuỗi băm thật) cho mỗi công việc, có dấu hiệu đùn đẩy")
        parser.add_argument("--here", action="store_true",
                            help="đo trên CSDL đang cấu hình (DATABASE_URL), chỉ tạo dữ liệu khi CSDL trống")
        parser.add_argument("--json", action="store_true", help="in một đối tượng JSON")

    def handle(self, *args, items: int, bulk: int, trail: int, here: bool, json: bool, **options) -> None:
        if items < 1 or bulk < 0 or trail < 0:
            raise CommandError("--items phải lớn hơn 0, --bulk và --trail không âm")
        result = dashbench(bulk or items, bulk=bool(bulk), trail=trail, here=here)
        self.stdout.write(_dumps(as_dict(result)) if json else _report(result))
        if not result.passed:
            raise CommandError(f"Có trang chậm hơn {result.target_ms:.0f} ms")


def _report(result) -> str:
    lines = [f"congvu dashbench — {result.engine}, {result.items} công việc, {result.events} sự kiện "
             f"({result.how}, tạo trong {result.build_seconds} s), mục tiêu < {result.target_ms:.0f} ms; "
             f"tải máy {result.load_average}",
             f"  sàn CSDL (một lượt đếm theo đơn vị): {result.floor_ms} ms"]
    for name, ms in result.pages.items():
        lines.append(f"  {NAMES[name]:<42} {ms:>8} ms  (×{result.ratio_to_floor[name]} sàn; "
                     f"CPU {result.pages_cpu.get(name, 0)} ms)")
    for code, (wall, cpu) in result.signals.items():
        lines.append(f"  dấu hiệu {code:<28} {wall:>8} ms  (CPU {cpu} ms)")
    lines.append(f"  kết quả: {'ĐẠT' if result.passed else 'KHÔNG ĐẠT'}")
    return "\n".join(lines)


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False)
