from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from congvu.api.actions import issue_token
from congvu.lib.refusals import ActionRefused
from congvu.org.models import Official


class Command(BaseCommand):
    help = ("Cấp token API cho một cán bộ (hệ thống khác dùng token để hành động nhân danh cán bộ đó). "
            "Token chỉ hiện một lần; hệ thống chỉ lưu mã băm SHA-256. Thu hồi trong trang quản trị.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("username", help="tên đăng nhập của cán bộ")
        parser.add_argument("--name", default="", help="tên hệ thống dùng token (mặc định: api)")

    def handle(self, *args, username: str, name: str, **options) -> None:
        user = get_user_model().objects.filter(username=username).first()
        official = Official.objects.filter(user=user).first() if user is not None else None
        if official is None:
            raise CommandError(f"Không có cán bộ với tên đăng nhập «{username}».")
        try:
            token, clear = issue_token(official=official, name=name or "api")
        except ActionRefused as refusal:
            raise CommandError(refusal.message_vi) from refusal
        # The clear token alone on stdout, so a script can capture it; the rest is for the person.
        self.stdout.write(clear)
        self.stderr.write(f"Token «{token.name}» ({token.prefix}…) của {official.full_name}: lưu ngay, "
                          "token không hiển thị lại. Gửi kèm: Authorization: Bearer <token>")
