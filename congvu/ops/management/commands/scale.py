import json
import os

from django.core.management.base import BaseCommand, CommandError

from congvu.ops.scale import as_dict, scale


class Command(BaseCommand):
    help = ("Đo ở quy mô lớn trong một CSDL tạm: xử lý bù N yêu cầu xin ý kiến quá hạn (coi như đồng ý) "
            "sau thời gian ngừng máy, và thời gian kiểm tra chuỗi nhật ký (audit verify).")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--items", type=int, default=100_000)
        parser.add_argument("--no-catchup", action="store_true", help="không tạo yêu cầu quá hạn, chỉ đo audit verify")
        parser.add_argument("--events-per-item", type=int, default=0, help="số sự kiện thêm vào chuỗi mỗi công việc")
        parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                            help="số tiến trình: xử lý bù song song (PostgreSQL, SKIP LOCKED) và audit verify")
        parser.add_argument("--json", action="store_true", help="in một đối tượng JSON")

    def handle(self, *args, items: int, no_catchup: bool, events_per_item: int, workers: int, json: bool,
               **options) -> None:
        if items < 1:
            raise CommandError("--items phải lớn hơn 0")
        progress = None if json else (lambda done: self.stderr.write(f"  … {done}") if done % 100_000 == 0 else None)
        result = scale(items, catchup=not no_catchup, events_per_item=events_per_item, progress=progress,
                       workers=workers)
        self.stdout.write(_dumps(as_dict(result)))
        if result.findings:
            raise CommandError(f"audit verify tìm thấy {result.findings} lỗi")


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False)
