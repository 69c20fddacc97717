from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from congvu.ops.backup import BackupError, backup
from congvu.ops.dbcheck import require_migrated


class Command(BaseCommand):
    help = ("Sao lưu cơ sở dữ liệu và mọi tệp (văn bản gốc, tài liệu, thông báo) vào thư mục mới DEST, kèm "
            "manifest.json; chạy được khi congvu đang phục vụ. Khôi phục: congvu restore DEST.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("dest", help="thư mục mới (chưa có hoặc trống) để ghi bản sao lưu")

    def handle(self, *args, dest: str, **options) -> None:
        require_migrated()
        try:
            manifest = backup(Path(dest))
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["tables"].values())
        self.stdout.write(f"Đã sao lưu vào {dest}: {manifest['engine']}, {len(manifest['tables'])} bảng, "
                          f"{rows} dòng, {len(manifest['media'])} tệp.")
