import json

from django.core.management.base import BaseCommand, CommandError

from congvu.ops.publicbench import as_dict, publicbench


class Command(BaseCommand):
    help = ("Đo thời gian trả lời của trang số liệu công khai (/cong-khai/, CSV, JSON) với N công việc "
            "(mặc định 300.000) trong một CSDL tạm; mục tiêu dưới 200 ms.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--items", type=int, default=300_000)
        parser.add_argument("--here", action="store_true",
                            help="đo trên CSDL đang cấu hình (DATABASE_URL), mọi thay đổi của phép đo được hoàn tác")
        parser.add_argument("--json", action="store_true", dest="as_json", help="in một đối tượng JSON")

    def handle(self, *args, items: int, here: bool, as_json: bool, **options) -> None:
        if items < 1:
            raise CommandError("--items phải lớn hơn 0")
        result = publicbench(items, here)
        if as_json:
            self.stdout.write(json.dumps(as_dict(result), ensure_ascii=False))
        else:
            lines = [f"congvu publicbench — {result.engine} ({result.how}), {result.items} công việc (tạo trong "
                     f"{result.build_seconds} s), mục tiêu < {result.target_ms:.0f} ms; tải máy {result.load_average}",
                     f"  {'':<14} {'lần đầu (tính), CPU':>28} {'các lần sau (bộ nhớ đệm), CPU':>34} {'đơn vị':>8}"]
            for name, cold in result.cold_ms.items():
                cold_cell = f"{cold} ms ({result.cold_cpu_ms[name]} ms)"
                warm_cell = f"{result.warm_ms[name]} ms ({result.warm_cpu_ms[name]} ms)"
                lines.append(f"  {name:<14} {cold_cell:>28} {warm_cell:>34} {result.units[name]:>8}")
            lines.append(f"  kết quả: {'ĐẠT' if result.passed else 'KHÔNG ĐẠT'}")
            self.stdout.write("\n".join(lines))
        if not result.passed:
            raise CommandError(f"Có trang chậm hơn {result.target_ms:.0f} ms hoặc không có số liệu")
