import json

from django.core.management.base import BaseCommand, CommandError

from congvu.ops.dbcheck import require_migrated
from congvu.ops.simulate import simulate, simulate_fast
from congvu.org.models import Unit


class Command(BaseCommand):
    help = ("Mô phỏng lịch sử hai năm của một tỉnh (N công việc qua đúng các thao tác thật: đúng hạn, "
            "quá hạn, xin ý kiến, gia hạn, từ chối, trả lại...) vào một CSDL trống; kiểm tra bằng "
            "`congvu audit verify`.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--items", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=2230)
        parser.add_argument("--fast", action="store_true",
                            help="đường nhanh: --sample công việc qua thao tác thật, phần còn lại sao chép hàng "
                                 "loạt (mã mới, số đến mới, chuỗi băm tính lại); N làm tròn lên bội số của mẫu")
        parser.add_argument("--sample", type=int, default=400, help="số công việc chạy qua thao tác thật (--fast)")
        parser.add_argument("--json", action="store_true", help="in một đối tượng JSON")

    def handle(self, *args, items: int, seed: int, fast: bool, sample: int, json: bool, **options) -> None:
        require_migrated()
        if items < 1:
            raise CommandError("--items phải lớn hơn 0")
        if Unit.objects.exists():
            raise CommandError("CSDL đã có dữ liệu: chỉ mô phỏng vào một CSDL trống (đặt DATABASE_URL hoặc "
                               "CONGVU_DATA_DIR khác, rồi `congvu migrate`).")
        progress = None if json else (lambda done: self.stderr.write(f"  … {done} công việc xong"))
        result = (simulate_fast(items, seed, sample, _every(100_000, progress)) if fast
                  else simulate(items, seed, progress))
        if json:
            self.stdout.write(_dumps(vars(result)))
            return
        self.stdout.write(
            f"congvu simulate — {result.items} công việc trong {result.seconds} s, {result.events} sự kiện "
            f"({result.refused} bị từ chối, {result.overridden} thủ trưởng quyết định thực hiện)\n"
            f"  đường đi: {result.paths}\n  trạng thái: {result.states}\n"
            "  Kiểm tra chuỗi nhật ký: congvu audit verify")


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False)


def _every(step: int, progress):
    """Report the copies' progress at each multiple of `step` items (a copy adds --sample items)."""
    if progress is None:
        return None
    marks = iter(range(step, 10**9, step))
    mark = next(marks)

    def report(done: int) -> None:
        nonlocal mark
        if done >= mark:
            progress(done)
            while mark <= done:
                mark = next(marks)
    return report
