"""`congvu serve`: migrate, optionally load the demo province, collect static files, and serve with
gunicorn while the master process runs the sweeps every minute."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connections

from congvu.ops.sweep import start_scheduler
from congvu.org.models import Unit


class Command(BaseCommand):
    help = "Khởi động congvu: cập nhật cơ sở dữ liệu, (tùy chọn) nạp tỉnh mẫu, phục vụ trang web."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--threads", type=int, default=4, help="luồng xử lý trong mỗi tiến trình")
        parser.add_argument("--request-log", default="", help="tệp ghi thời gian và CPU của từng yêu cầu (đo tải)")
        parser.add_argument("--demo", action="store_true", help="nạp tỉnh mẫu nếu cơ sở dữ liệu còn trống")
        parser.add_argument("--no-sweep", action="store_true", help="không chạy tác vụ định kỳ trong tiến trình này")

    def handle(self, *args, host: str, port: int, workers: int, threads: int, request_log: str, demo: bool,
               no_sweep: bool, **options) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        if demo and not Unit.objects.exists():
            self.stdout.write("Đang tạo tỉnh mẫu…")
            call_command("demo")
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"congvu đang chạy tại http://{host}:{port}/"))
        if demo:
            self.stdout.write("Đăng nhập dùng thử: vanthu.sxd, giamdoc.sxd, chuyenvien.sxd, vanphong.ubnd, "
                              "noivu.thanhtra, admin — mật khẩu chung congvu2026")
        self.stdout.write(f"Dữ liệu: {settings.DATABASES['default']['NAME']}")
        # Workers are forked from this process: no connection may be shared across the fork.
        connections.close_all()
        if not no_sweep:
            start_scheduler()
        serve_with_gunicorn(host, port, workers, threads, request_log)


def serve_with_gunicorn(host: str, port: int, workers: int, threads: int = 4, request_log: str = "") -> None:
    from gunicorn.app.base import BaseApplication

    from congvu.wsgi import application

    class CongvuServer(BaseApplication):
        def load_config(self) -> None:
            for key, value in {
                "bind": f"{host}:{port}", "workers": workers, "worker_class": "gthread", "threads": threads,
                "accesslog": "-", "timeout": 60,
            }.items():
                self.cfg.set(key, value)
            if request_log:
                from congvu.ops.request_log import post_request, pre_request, use

                use(request_log)
                self.cfg.set("pre_request", pre_request)
                self.cfg.set("post_request", post_request)

        def load(self):
            return application

    CongvuServer().run()
