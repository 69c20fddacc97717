from django.core.management.base import BaseCommand, CommandError
from django.db.utils import DatabaseError

from congvu.lib.workdays import Calendar, official_calendar, parse_vn_date
from congvu.registry.queries import current_calendar


def calendar(stderr) -> Calendar:
    """The administrator's calendar; the shipped official schedule when there is no database yet."""
    try:
        return current_calendar()
    except DatabaseError:
        stderr.write("(Chưa có cơ sở dữ liệu: dùng lịch nghỉ chính thức kèm theo phần mềm.)")
        return official_calendar()


class Command(BaseCommand):
    help = "Hạn của một thời hạn N ngày làm việc tính từ ngày xảy ra sự kiện (DD/MM/YYYY), và giải thích."

    def add_arguments(self, parser) -> None:
        parser.add_argument("event_date", help="ngày xảy ra sự kiện, DD/MM/YYYY (không tính vào thời hạn)")
        parser.add_argument("days", type=int, help="số ngày làm việc")
        parser.add_argument("--lang", default="vi", choices=["vi", "en"])

    def handle(self, *args, event_date: str, days: int, lang: str, **options) -> None:
        try:
            start = parse_vn_date(event_date)
            explanation = calendar(self.stderr).explain(start, days)
        except ValueError as error:
            raise CommandError(str(error)) from error
        # First line: the due date alone, so scripts can read it.
        self.stdout.write(f"{explanation.due:%d/%m/%Y}")
        for line in explanation.lines(lang):
            self.stdout.write(line)
