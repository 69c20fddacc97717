import json

from django.core.management.base import BaseCommand, CommandError

from congvu.ops.listbench import as_dict, listbench, on_existing


class Command(BaseCommand):
    help = ("Đo thời gian trả lời của trang danh sách công việc (/danh-sach/) với N công việc "
            "(mặc định 300.000) trong một CSDL tạm; mục tiêu dưới 300 ms.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--items", type=int, default=300_000)
        parser.add_argument("--existing", action="store_true",
                            help="đo trên CSDL hiện có (vd. sau `congvu simulate --fast`), không tạo CSDL tạm")
        parser.add_argument("--json", action="store_true", help="in một đối tượng JSON")

    def handle(self, *args, items: int, existing: bool, json: bool, **options) -> None:
        if items < 1:
            raise CommandError("--items phải lớn hơn 0")
        progress = None if json else (lambda done: self.stderr.write(f"  … {done} công việc") if done % 50_000 == 0
                                      else None)
        result = on_existing() if existing else listbench(items, progress)
        if json:
            self.stdout.write(_dumps(as_dict(result)))
        else:
            self.stdout.write(_report(result))
        if not result.passed:
            raise CommandError(f"Có trang danh sách chậm hơn {result.target_ms:.0f} ms hoặc không có dòng nào")


NAMES = {"first_page": "trang đầu", "open_list": "danh sách đang mở (mặc định)",
         "filtered": "lọc (đơn vị + trạng thái + hạn)", "text_search": "tìm chữ",
         "deep_page": "trang cuối", "common_word": "tìm chữ có ở hầu hết tiêu đề", "middle_page": "trang giữa",
         "tong_hop": "/tong-hop/ (ngoài mục tiêu 300 ms)", "so_lieu": "xuất số liệu so-lieu (mục tiêu 500 ms)"}
WHO = {"officer": "chuyên viên một đơn vị", "home_affairs": "thanh tra Sở Nội vụ",
       "dashboard": "trang tổng hợp, thanh tra Sở Nội vụ"}


def _report(result) -> str:
    lines = [f"congvu listbench — {result.engine}, {result.items} công việc (tạo trong {result.build_seconds} s), "
             f"mục tiêu < {result.target_ms:.0f} ms; tải máy {result.load_average}",
             f"  {'':<36} {'thời gian':>10} {'CPU':>9}"]
    for who, pages in result.pages.items():
        lines.append(f"  {WHO[who]}:")
        for name, ms in pages.items():
            cpu, rows = result.cpu[who][name], result.rows.get(who, {}).get(name, "-")
            lines.append(f"    {NAMES[name]:<34} {ms:>7} ms {cpu:>6} ms  ({rows} dòng)")
    lines.append(f"  kết quả: {'ĐẠT' if result.passed else 'KHÔNG ĐẠT'}")
    return "\n".join(lines)


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False)
