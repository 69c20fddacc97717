from django.core.management.base import BaseCommand

from congvu.ops.sweep import run_all


class Command(BaseCommand):
    help = "Chạy một lượt các tác vụ định kỳ (coi như đồng ý khi quá hạn trả lời, nhắc hạn, niêm phong nhật ký)."

    def handle(self, *args, **options) -> None:
        for line in run_all():
            self.stdout.write(line)
