"""Writes the business-type and status fixtures in samples/business/ with congvu's own edXML writer
(QCVN 102:2016: envelope, MessageHeader or Status, TraceHeaderList/Bussiness, base64 attachments).
Run again after changing the writer: `.venv/bin/python -m congvu.documents.tests.make_business_samples`.
The signed messages are made in the tests themselves, with a test CA generated there."""

from dataclasses import replace
from datetime import date
from pathlib import Path

from congvu.documents import edxml_write as w
from congvu.documents.edxml import BusinessType

FOLDER = Path(__file__).parent / "samples" / "business"
FINANCE = ("000.00.07.H48", "Sở Tài chính tỉnh Phú Yên")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

ORIGINAL = w.DocumentToSend(
    *FINANCE, number="45", notation="STC-QLGCS", promulgated_on=date(2026, 2, 27),
    subject="V/v đề nghị góp ý dự toán điều chỉnh giá vật liệu xây dựng quý I/2026", due_on=date(2026, 3, 20),
    content="Sở Tài chính đề nghị Sở Xây dựng góp ý bảng tổng hợp kèm theo.", priority=1,
    attachments=(w.FileToAttach("bang-tong-hop.pdf", "application/pdf", PDF, "Bảng tổng hợp dự toán"),
                 w.FileToAttach("ghi-chu.txt", "text/plain", "Ghi chú: số liệu quý I.\n".encode())),
)
REVOCATION = replace(ORIGINAL, business=BusinessType.REVOCATION, attachments=(),
                     reason="Văn bản ban hành nhầm đối tượng, thu hồi để ban hành lại")
UPDATE = replace(ORIGINAL, business=BusinessType.UPDATE, attachments=(), due_on=date(2026, 3, 27),
                 subject="V/v đề nghị góp ý dự toán điều chỉnh giá vật liệu xây dựng quý I và quý II/2026",
                 reason="Bổ sung phạm vi quý II, gia hạn thời hạn góp ý")
REPLACEMENT = replace(ORIGINAL, business=BusinessType.REPLACEMENT, number="52", promulgated_on=date(2026, 3, 2),
                      replaces=(ORIGINAL.document_id,), reason="Thay thế Công văn số 45/STC-QLGCS do sai số liệu",
                      subject="V/v đề nghị góp ý dự toán điều chỉnh giá vật liệu (thay thế Công văn 45/STC-QLGCS)")
UNKNOWN_REVOCATION = replace(REVOCATION, number="99", notation="STC-NS")
STATUSES = {code: w.StatusToSend(*FINANCE, status_code=code, answered_organ_id="000.00.14.H48",
                                 answered_code="01/TB-SXD", answered_on=date(2026, 3, 11), description=text)
            for code, text in (("01", "Đã nhận thông báo"), ("03", "Đã vào sổ văn bản đến số 112"),
                               ("06", "Đã hoàn thành xử lý"))}


def write() -> None:
    FOLDER.mkdir(exist_ok=True)
    files = {
        "moi.edxml": w.document(ORIGINAL), "moi-dang-cong.edxml": w.document(ORIGINAL, gateway_shape=True),
        "thu-hoi.edxml": w.document(REVOCATION), "cap-nhat.edxml": w.document(UPDATE),
        "thay-the.edxml": w.document(REPLACEMENT), "thu-hoi-khong-co.edxml": w.document(UNKNOWN_REVOCATION),
        **{f"trang-thai-{code}.edxml": w.status(status) for code, status in STATUSES.items()},
    }
    for name, data in files.items():
        (FOLDER / name).write_bytes(data)


if __name__ == "__main__":
    write()
