import json

from django.core.management.base import BaseCommand, CommandError

from congvu.ops.reportbench import as_dict, reportbench


class Command(BaseCommand):
    help = ("Đo thời gian tổng hợp báo cáo năm của tỉnh (số liệu chốt của mọi đơn vị, tệp .docx có biểu đồ, "
            "phụ lục .xlsx) trên một CSDL tạm chèn hàng loạt N công việc; mục tiêu dưới 10 giây ở 300.000 công việc.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--items", type=int, default=300_000, help="số công việc chèn hàng loạt")
        parser.add_argument("--trail", type=int, default=0,
                            help="thêm K sự kiện (chuỗi băm thật) cho mỗi công việc, có dấu hiệu đùn đẩy")
        parser.add_argument("--here", action="store_true",
                            help="đo trên CSDL đang cấu hình (DATABASE_URL), chỉ tạo dữ liệu khi CSDL trống; "
                                 "mọi thay đổi của phép đo được hoàn tác")
        parser.add_argument("--json", action="store_true", help="in một đối tượng JSON")

    def handle(self, *args, items: int, trail: int, here: bool, json: bool, **options) -> None:
        if items < 1 or trail < 0:
            raise CommandError("--items phải lớn hơn 0, --trail không âm")
        result = reportbench(items, trail, here)
        self.stdout.write(_dumps(as_dict(result)) if json else _report(result))
        if not result.passed:
            raise CommandError(f"Tổng hợp chậm hơn {result.target_seconds:.0f} s")


def _report(r) -> str:
    pieces = ", ".join(f"{name} {wall} s (CPU {cpu} s)" for name, (wall, cpu) in r.pieces.items())
    return "\n".join([
        f"congvu reportbench — {r.engine} ({r.how}), {r.items} công việc ({r.items_in_period} trong kỳ năm 2025), "
        f"{r.events} sự kiện, {r.units} đơn vị, tạo trong {r.build_seconds} s; tải máy {r.load_average}",
        f"  gửi một báo cáo đơn vị (chốt số liệu):     {r.submit_one_seconds} s (CPU {r.submit_one_cpu} s)",
        f"  dấu hiệu của kỳ, đọc lần đầu (riêng):      {r.signals_seconds} s (CPU {r.signals_cpu} s)",
        f"  tổng hợp, đọc dấu hiệu lần đầu (chốt số liệu mọi đơn vị, số hiệu): {r.compile_seconds} s "
        f"(CPU {r.compile_cpu} s)",
        f"  tệp .docx (3 biểu đồ) và phụ lục .xlsx:     {r.files_seconds} s (CPU {r.files_cpu} s; "
        f"{r.docx_bytes} + {r.xlsx_bytes} byte)",
        f"  từng phần: {pieces}",
        f"  tổng: {r.total_seconds} s (CPU {r.total_cpu} s), mục tiêu < {r.target_seconds:.0f} s: "
        f"{'ĐẠT' if r.passed else 'KHÔNG ĐẠT'}",
    ])


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False)
