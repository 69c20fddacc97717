"""How large a file an official may hand us (an incoming document's original, a consultation's
attachment): `CONGVU_MAX_UPLOAD_MB`, 20 MB unless configured. The forms say so beside the field,
and the actions refuse it again, so the API and the imports are bounded the same way."""

from django.conf import settings

from congvu.lib.refusals import InvalidInput

MB = 1024 * 1024


def max_upload_bytes() -> int:
    return settings.CONGVU_MAX_UPLOAD_MB * MB


def check_upload_size(size: int, field_vi: str, field_en: str | None = None) -> None:
    """Nothing, or a refusal naming the field when `size` (bytes) is over the limit."""
    limit = settings.CONGVU_MAX_UPLOAD_MB
    if size > limit * MB:
        raise InvalidInput(
            f"Tệp “{field_vi}” lớn hơn {limit} MB; hãy nén hoặc chia nhỏ tệp rồi tải lên lại.",
            f"The file “{field_en or field_vi}” is larger than {limit} MB; compress or split it and upload it again.",
        )
