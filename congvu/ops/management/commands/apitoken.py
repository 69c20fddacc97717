from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import QuerySet
from django.utils import timezone

from congvu.api.actions import PREFIX_SHOWN, TOKEN_PREFIX, digest, issue_token, revoke_token
from congvu.api.fields import MAX_ID
from congvu.api.models import ApiToken
from congvu.lib import clock
from congvu.lib.refusals import ActionRefused
from congvu.ops.dbcheck import require_migrated
from congvu.org.models import Official

USAGE = ("congvu apitoken USERNAME [--name TÊN]  |  congvu apitoken --list [USERNAME]  |  "
         "congvu apitoken --revoke PREFIX_HOẶC_ID")


def official_named(username: str) -> Official:
    user = get_user_model().objects.filter(username=username).first()
    official = Official.objects.filter(user=user).select_related("user").first() if user is not None else None
    if official is None:
        raise CommandError(f"Không có cán bộ với tên đăng nhập «{username}».")
    return official


def when(moment) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M") if moment else "—"


def state(token: ApiToken) -> str:
    if token.revoked_at is not None:
        return "đã thu hồi"
    return "còn hiệu lực" if token.is_live_at(clock.now()) else "hết hạn"


def line(token: ApiToken) -> str:
    revoked = f"  thu hồi {when(token.revoked_at)} ({token.revoked_by})" if token.revoked_at else ""
    return (f"{token.pk:>6}  {token.prefix}…  {state(token):<12}  {token.official.user.get_username()}  "
            f"«{token.name}»  cấp {when(token.created_at)} ({token.issued_by or '?'})  "
            f"hết hạn {when(token.expires_at)}  dùng lần cuối {when(token.last_used_at)}{revoked}")


def find(key: str) -> ApiToken:
    """A token by its id, by its shown prefix (or the start of it), or by the whole token (a leaked one)."""
    key = key.strip().removesuffix("…").removesuffix("...")
    found: QuerySet[ApiToken] = ApiToken.objects.none()
    if key.isascii() and key.isdigit():
        if int(key) <= MAX_ID:  # an id past 64 bits names no row (and would overflow the database's integer)
            found = ApiToken.objects.filter(pk=int(key))
    elif key.startswith(TOKEN_PREFIX) and len(key) > PREFIX_SHOWN:
        found = ApiToken.objects.filter(key_hash=digest(key))
    elif key:
        found = ApiToken.objects.filter(prefix__startswith=key)
    matches = list(found.select_related("official__user")[:2])
    if not matches:
        raise CommandError(f"Không có token nào ứng với «{key}».")
    if len(matches) > 1:
        raise CommandError(f"Nhiều token bắt đầu bằng «{key}»: ghi đủ phần đầu token, hoặc dùng số id (--list).")
    return matches[0]


class Command(BaseCommand):
    help = ("Token API của cán bộ (hệ thống khác dùng token để hành động nhân danh cán bộ đó). "
            "USERNAME: cấp token mới — chỉ hiện một lần, hệ thống chỉ lưu mã băm SHA-256, hết hạn sau "
            "CONGVU_API_TOKEN_DAYS ngày. --list [USERNAME]: liệt kê token. --revoke PREFIX_HOẶC_ID: thu hồi.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", nargs="?", help="tên đăng nhập của cán bộ")
        parser.add_argument("--name", default="", help="tên hệ thống dùng token (mặc định: api)")
        parser.add_argument("--list", action="store_true", help="liệt kê token (của mọi cán bộ, hoặc của USERNAME)")
        parser.add_argument("--revoke", metavar="PREFIX_OR_ID",
                            help="thu hồi một token: số id, phần đầu token (cv_…), hoặc cả token")

    def handle(self, *args, **options) -> None:
        require_migrated()
        username, revoke, listing = options["username"], options["revoke"], options["list"]
        if revoke is not None:
            if listing or username:
                raise CommandError(f"--revoke đi một mình. Cách dùng: {USAGE}")
            self.revoke(revoke)
        elif listing:
            self.list_tokens(username)
        elif username:
            self.issue(username, options["name"])
        else:
            raise CommandError(f"Cần tên đăng nhập, --list hoặc --revoke. Cách dùng: {USAGE}")

    def issue(self, username: str, name: str) -> None:
        official = official_named(username)
        try:
            token, clear = issue_token(official=official, name=name or "api", actor=None)
        except ActionRefused as refusal:
            raise CommandError(refusal.message_vi) from refusal
        # The clear token alone on stdout, so a script can capture it; the rest is for the person.
        self.stdout.write(clear)
        self.stderr.write(f"Token «{token.name}» ({token.prefix}…) của {official.full_name}, hết hạn "
                          f"{when(token.expires_at)}: lưu ngay, token không hiển thị lại. "
                          "Gửi kèm: Authorization: Bearer <token>")

    def list_tokens(self, username: str | None) -> None:
        tokens = ApiToken.objects.select_related("official__user").order_by("-created_at", "-id")
        if username:
            tokens = tokens.filter(official=official_named(username))
        for token in tokens:
            self.stdout.write(line(token))
        if not tokens:
            self.stderr.write("Chưa có token nào.")

    def revoke(self, key: str) -> None:
        token = find(key)
        try:
            token = revoke_token(token, actor=None)
        except ActionRefused as refusal:
            raise CommandError(refusal.message_vi) from refusal
        self.stdout.write(line(token))
