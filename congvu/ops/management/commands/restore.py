from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from congvu.ops.backup import BackupError, restore


class Command(BaseCommand):
    help = ("Khôi phục bản sao lưu SRC (của congvu backup) vào cơ sở dữ liệu và thư mục tệp đang cấu hình, rồi "
            "kiểm tra bản khôi phục: số dòng từng bảng, đủ tệp, nhật ký nguyên vẹn. Dừng congvu trước khi khôi phục.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("src", help="thư mục bản sao lưu")
        parser.add_argument("--replace", action="store_true",
                            help="thay thế cơ sở dữ liệu đang có dữ liệu (thư mục tệp cũ được giữ lại, đổi tên)")

    def handle(self, *args, src: str, replace: bool, **options) -> None:
        # No migration check first: restoring into an empty database is the usual case.
        try:
            restored = restore(Path(src), replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Đã khôi phục từ {src}: {restored.tables} bảng, {restored.rows} dòng, "
                          f"{restored.files} tệp.")
        if restored.problems:
            for problem in restored.problems:
                self.stderr.write(problem)
            raise CommandError(f"Bản khôi phục không khớp bản sao lưu: {len(restored.problems)} vấn đề (xem trên).")
        if restored.pending_migrations:
            self.stdout.write(f"Bản sao lưu của phiên bản cũ hơn: chạy `congvu migrate` ({restored.pending_migrations} "
                              "bước), rồi `congvu audit verify`.")
        else:
            self.stdout.write("Kiểm tra: số dòng từng bảng khớp, đủ tệp, nhật ký nguyên vẹn.")
