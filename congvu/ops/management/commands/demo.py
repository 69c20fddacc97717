"""congvu demo [--items N] — build the demo province into an empty database and print the logins."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from congvu.ops.demo import DatabaseNotEmpty, Summary, build_demo
from congvu.ops.demo.build import DEFAULT_ITEMS
from congvu.ops.demo.catalog import DEMO_PASSWORD, PROVINCE_NAME
from congvu.ops.demo.scenarios import MINIMUM_ITEMS


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu: một tỉnh giả định với đơn vị, cán bộ, loại việc và ba tháng công việc."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--items", type=int, default=DEFAULT_ITEMS,
                            help=f"số văn bản đến cần tạo (mặc định {DEFAULT_ITEMS}, tối thiểu {MINIMUM_ITEMS})")

    def handle(self, *args, items: int, **options) -> None:
        if items < MINIMUM_ITEMS:
            raise CommandError(f"--items phải từ {MINIMUM_ITEMS} trở lên để có đủ mọi tình huống.")
        # "Build into an empty database" includes one just created: migrate first, as `serve` does
        # (on a migrated database this applies nothing; a non-empty one is refused below).
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)  # the periodic reports cache each period's signals
        try:
            summary = build_demo(items=items)
        except DatabaseNotEmpty as refusal:
            raise CommandError(f"{refusal} Hãy dùng một cơ sở dữ liệu mới (ví dụ CONGVU_DATA_DIR khác).") from None
        self._print(summary)

    def _print(self, s: Summary) -> None:
        out = self.stdout.write
        out(self.style.SUCCESS(f"Đã tạo dữ liệu mẫu {PROVINCE_NAME} trong {s.seconds:.1f} giây "
                               "(dữ liệu giả định: mọi người, doanh nghiệp, văn bản đều không có thật)."))
        out(f"  {s.units} đơn vị · {s.officials} cán bộ · {s.matter_types} loại việc · {s.items} công việc · "
            f"{s.events} sự kiện ({s.refusals} lần bị từ chối theo quy định, "
            f"{s.overrides} lần Thủ trưởng quyết định thực hiện, ghi rõ lý do)")
        out("\nCông việc theo trạng thái:")
        for label, count in s.states:
            out(f"  {label:<34} {count:>4}")
        self._print_consultations(s)
        out(f"\nTài khoản dùng thử (mật khẩu chung: {DEMO_PASSWORD}):")
        width = max(len(login.username) for login in s.logins)
        for login in s.logins:
            role = f" [{login.role}]" if login.role else ""
            out(f"  {login.username:<{width}}  {login.full_name}, {login.post}{role} — {login.sees}")
        out("  Các cán bộ khác: <chức vụ>[số].<mã đơn vị>, ví dụ giamdoc.stc, vanthu.snnmt, chuyenvien2.tuyhoa.")

    def _print_consultations(self, s: Summary) -> None:
        out = self.stdout.write
        out(f"\nXin ý kiến: {s.consultations} đợt, {sum(n for _, n in s.requests)} yêu cầu gửi các đơn vị")
        for label, count in s.requests:
            out(f"  {label:<40} {count:>4}")
        out(f"  {s.late_replies} ý kiến trả lời quá hạn (vẫn lưu, tính là đồng ý); {s.deemed_agreements} lần coi như "
            f"đồng ý, {s.notices} thông báo .docx đã ký (trong thư mục media), {s.unsigned_notices} dự thảo chờ ký; "
            f"{s.reconciliations} cuộc làm việc giữa thủ trưởng.")
        out("  Yêu cầu sắp đến hạn được nhắc ở lần quét đầu tiên (congvu sweep, hoặc congvu serve mỗi phút).")
