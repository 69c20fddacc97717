import sys

from django.core.management.base import BaseCommand, CommandError

from congvu.documents.xes import Selection, write_xes
from congvu.lib.workdays import parse_vn_date
from congvu.ops.dbcheck import require_migrated
from congvu.org.models import Unit


class Command(BaseCommand):
    help = ("Xuất nhật ký công việc dạng XES (IEEE 1849-2016) để phân tích quy trình: các công việc đăng ký "
            "từ ngày đến ngày (dd/mm/yyyy), tùy chọn của một đơn vị chủ trì (mã đơn vị). Dùng cho kỳ dài "
            "(một năm) vượt quá thời gian chờ của máy chủ web.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--from", dest="since", required=True)
        parser.add_argument("--to", dest="until", required=True)
        parser.add_argument("--unit", help="mã đơn vị (ví dụ sxd)")
        parser.add_argument("--output", help="tệp ghi ra (mặc định: đầu ra chuẩn)")

    def handle(self, *args, since: str, until: str, unit: str | None, output: str | None, **options) -> None:
        try:
            start, end = parse_vn_date(since), parse_vn_date(until)
        except ValueError as error:
            raise CommandError(str(error)) from None
        # Before the first chunk: on an unmigrated database the XML header was already written when the
        # first query failed.
        require_migrated()
        chosen = None
        if unit:
            chosen = Unit.objects.filter(code=unit).first()
            if chosen is None:
                raise CommandError(f"Không có đơn vị mã «{unit}».")
        out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115 - closed below
        try:
            for chunk in write_xes(Selection(start, end, chosen)):
                out.write(chunk)
        finally:
            if output:
                out.close()
