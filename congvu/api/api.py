"""The REST API other systems use (the province's e-office software, the national document axis):
every read and action of the web interface, as JSON, documented at /api/docs (OpenAPI at
/api/openapi.json). Thin by design: a schema parses the input, the action decides, a schema answers."""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from ninja import NinjaAPI
from ninja.renderers import BaseRenderer

from congvu.api import errors
from congvu.api.auth import API_AUTH
from congvu.api.docs import BundledSwagger, officials_only
from congvu.api.routers import (
    consultations,
    directives,
    incoming,
    items,
    outbox,
    oversight,
    oversight_backlog,
    oversight_dashboard,
    oversight_inspections,
    oversight_public_reports,
    oversight_reports,
    oversight_reviews,
    reads,
)

DESCRIPTION = """\
Giao diện lập trình của **congvu** — công việc đúng thẩm quyền, đúng hạn, có người chịu trách nhiệm
ở từng bước (văn bản 2230/UBND-NC).

*Xác thực*: `Authorization: Bearer <token>` (cấp bằng lệnh `congvu apitoken <tên đăng nhập>`; token hết
hạn sau {token_days} ngày — `CONGVU_API_TOKEN_DAYS` — và mất hiệu lực ngay khi bị thu hồi hoặc tài khoản bị khóa),
hoặc phiên đăng nhập của trình duyệt (ghi cần mã CSRF). *Ngôn ngữ*: tiếng Việt; `Accept-Language: en` cho
tiếng Anh. *Ngày*: ISO 8601 `yyyy-mm-dd`, cả khi gửi lẫn khi nhận; thời điểm ISO 8601 kèm múi giờ, giờ Việt
Nam (+07:00). *Văn bản*: không được chứa ký tự điều khiển C0 (trừ tab, xuống dòng); trường bắt buộc không
được để trống. *Thân yêu cầu*: JSON (`Content-Type: application/json`).

*Lỗi*: một thân JSON `{code, clause, message, message_vi, message_en, errors}`. 422 khi dữ liệu sai lược đồ
này (errors nêu từng trường); 404 khi số hiệu (trong đường dẫn hay trong thân) không có hoặc không được xem;
409 khi yêu cầu đúng lược đồ nhưng bị từ chối theo quy tắc (mã quy tắc và điều khoản, ví dụ
`R-2.1-OWN-COMPETENCE-TRANSFER`, Mục 2.1), theo trạng thái công việc, hoặc theo danh mục, lịch làm việc, Quy
chế làm việc hiện hành; 403 không có quyền; 401 chưa xác thực; 400 thân không đọc được; 413 thân quá lớn;
415 thân không phải JSON; 405 phương thức không dùng ở địa chỉ này; 503 cơ sở dữ liệu tạm thời không truy cập
được hoặc máy chủ hết chỗ lưu trữ (thử lại sau số giây ghi ở `Retry-After`).
""".replace("{token_days}", str(settings.API_TOKEN_DAYS))


class Utf8JsonRenderer(BaseRenderer):
    """JSON with Vietnamese as written, not as \\u escapes."""

    media_type = "application/json"
    charset = "utf-8"

    def render(self, request, data, *, response_status) -> str:
        return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)


class CongvuAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        return operation.view_func.__name__  # "direct", "list_items": what a generated client calls

    def get_openapi_schema(self, *args, **kwargs) -> dict:
        """ninja's document, each error answer described by what it means here (not just "Conflict")."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, response in operation["responses"].items():
                    response["description"] = errors.ERROR_DESCRIPTIONS.get(int(status), response["description"])
        return schema


api = CongvuAPI(
    title="congvu API", version="1", description=DESCRIPTION, auth=API_AUTH, renderer=Utf8JsonRenderer(),
    urls_namespace="api", docs=BundledSwagger(), docs_url="/docs", docs_decorator=officials_only,
)
errors.install(api)
api.add_router("", reads.router)
api.add_router("", items.router)
api.add_router("", consultations.router)
api.add_router("", oversight.router)
api.add_router("", oversight_dashboard.router)  # issue 10: the dashboard and the signals (1.2, 3)
api.add_router("", outbox.router)
api.add_router("", incoming.router)
api.add_router("", directives.router)
api.add_router("", oversight_inspections.router)  # issue 10: inspections (1.6)
api.add_router("", oversight_reviews.router)  # issue 10: reviews, discipline, commendation (1.7, 1.8)
api.add_router("", oversight_backlog.router)
api.add_router("", oversight_reports.router)  # periodic reports (clause 3)
api.add_router("", oversight_public_reports.router)  # citizens' reports, Home Affairs' side (1.7)
