from django.core.management.base import BaseCommand, CommandError

from congvu.ops.dbcheck import require_migrated
from congvu.ops.sweep import run_all


class Command(BaseCommand):
    help = ("Chạy một lượt các tác vụ định kỳ (coi như đồng ý khi quá hạn trả lời, tạo tệp thông báo, nhắc hạn, "
            "niêm phong nhật ký). Mỗi phần chạy độc lập; có phần lỗi thì báo lỗi và thoát với mã khác 0.")

    def handle(self, *args, **options) -> None:
        require_migrated()
        reports = run_all()
        for report in reports:
            self.stdout.write(report.line)
        failed = sum(not report.ok for report in reports)
        if failed:
            # Exit status 1 for cron and monitoring; every other part of the round was still done.
            raise CommandError(f"{failed} phần của lượt quét bị lỗi (xem các dòng LỖI và nhật ký máy chủ); "
                               "các phần khác đã chạy xong.")
