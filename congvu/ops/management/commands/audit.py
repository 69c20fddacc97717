from django.core.management.base import BaseCommand, CommandError

from congvu.ops.dbcheck import require_migrated
from congvu.work import trail


class Command(BaseCommand):
    help = "Kiểm tra (verify) hoặc niêm phong (seal) nhật ký sự kiện chống sửa đổi."

    def add_arguments(self, parser) -> None:
        parser.add_argument("operation", choices=["verify", "seal"])

    def handle(self, *args, operation: str, **options) -> None:
        require_migrated()
        if operation == "seal":
            seal = trail.seal()
            self.stdout.write(f"Đã niêm phong #{seal.pk}: {len(seal.heads)} chuỗi." if seal else "Không có gì mới.")
            return
        findings = trail.verify()
        if findings:
            for finding in findings:
                self.stderr.write(str(finding))
            items = sorted({f.item_id for f in findings if f.item_id is not None})
            raise CommandError(f"Nhật ký đã bị can thiệp: {len(findings)} vi phạm; công việc {items}")
        self.stdout.write("Nhật ký nguyên vẹn: mọi chuỗi sự kiện và niêm phong đều khớp.")
