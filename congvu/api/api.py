"""The REST API other systems use (the province's e-office software, the national document axis):
every read and action of the web interface, as JSON, documented at /api/docs (OpenAPI at
/api/openapi.json). Thin by design: a schema parses the input, the action decides, a schema answers."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from ninja import NinjaAPI
from ninja.renderers import BaseRenderer

from congvu.api import errors
from congvu.api.auth import API_AUTH
from congvu.api.docs import BundledSwagger, officials_only
from congvu.api.routers import consultations, items, reads

DESCRIPTION = """\
Giao diện lập trình của **congvu** — công việc đúng thẩm quyền, đúng hạn, có người chịu trách nhiệm
ở từng bước (văn bản 2230/UBND-NC).

*Xác thực*: `Authorization: Bearer <token>` (cấp bằng lệnh `congvu apitoken <tên đăng nhập>`), hoặc
phiên đăng nhập của trình duyệt (ghi cần mã CSRF). *Ngôn ngữ*: tiếng Việt; `Accept-Language: en` cho
tiếng Anh. *Ngày*: nhận `dd/mm/yyyy` hoặc `yyyy-mm-dd`; trả về ISO, giờ Việt Nam (+07:00).

*Lỗi*: một thân JSON `{code, clause, message, message_vi, message_en, errors}` — 409 khi quy tắc từ chối
(mã quy tắc và điều khoản, ví dụ `R-2.1-OWN-COMPETENCE-TRANSFER`, Mục 2.1) hoặc trạng thái không cho
phép; 403 không có quyền; 404 không có hoặc không được xem; 422 dữ liệu không hợp lệ; 401 chưa xác thực.
"""


class Utf8JsonRenderer(BaseRenderer):
    """JSON with Vietnamese as written, not as \\u escapes."""

    media_type = "application/json"
    charset = "utf-8"

    def render(self, request, data, *, response_status) -> str:
        return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)


class CongvuAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        return operation.view_func.__name__  # "direct", "list_items": what a generated client calls


api = CongvuAPI(
    title="congvu API", version="1", description=DESCRIPTION, auth=API_AUTH, renderer=Utf8JsonRenderer(),
    urls_namespace="api", docs=BundledSwagger(), docs_url="/docs", docs_decorator=officials_only,
)
errors.install(api)
api.add_router("", reads.router)
api.add_router("", items.router)
api.add_router("", consultations.router)
