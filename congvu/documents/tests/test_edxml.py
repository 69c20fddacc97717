"""The edXML reader: messages of the national document axis (QCVN 102:2016) become plain records;
anything malformed or hostile is refused with a message saying, in Vietnamese, what and where."""

import base64
from datetime import date
from pathlib import Path

import pytest

from congvu.documents.edxml import PRIORITY_BY_CODE, EdxmlError, max_message_bytes, parse
from congvu.work.models import Priority

SAMPLES = Path(__file__).parent / "samples"


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def with_priority(code: str) -> bytes:
    text = sample("cong-dien-hoa-toc.edxml").decode()
    return text.replace("<edXML:Priority>3</edXML:Priority>", f"<edXML:Priority>{code}</edXML:Priority>").encode()


def test_a_province_letter_with_two_attachments_and_a_due_date_is_read_field_by_field():
    message = parse(sample("ubnd-tinh-giao-nhiem-vu.edxml"))
    assert (message.sender_id, message.sender_name) == ("000.00.00.H48", "Ủy ban nhân dân tỉnh Phú Yên")
    assert message.sender.email == "ubnd@phuyen.gov.vn" and message.sender.address.startswith("127 Lê Duẩn")
    assert [organ.name for organ in message.recipients] == ["Sở Xây dựng tỉnh Phú Yên", "Sở Tài chính tỉnh Phú Yên"]
    assert message.document_id == "000.00.00.H48,2026/03/02,123/UBND-KT"
    assert (message.code_number, message.code_notation, message.notation) == ("123", "UBND-KT", "123/UBND-KT")
    assert (message.place, message.promulgated_on) == ("Phú Yên", date(2026, 3, 2))
    assert message.doc_type_name == "Công văn"
    assert message.subject == ("V/v rà soát, đề xuất tháo gỡ vướng mắc trong cấp giấy phép xây dựng "
                               "trên địa bàn tỉnh")
    assert message.content.startswith("Thực hiện Công điện số 280/CĐ-TTg")
    assert (message.signer.competence, message.signer.position, message.signer.full_name) == (
        "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Tấn Hổ")
    assert message.due_on == date(2026, 3, 16)
    assert message.to_places == ("Sở Xây dựng", "Sở Tài chính", "Lưu: VT, KT")
    assert message.priority == Priority.NORMAL and message.steering_type == "1"
    assert (message.page_amount, message.promulgation_amount, message.typer_notation) == ("2", "5", "NVH")
    assert message.trace_organ_ids == ("000.00.00.H48",) and message.signed


def test_attachments_are_decoded_from_base64_with_their_names_types_and_descriptions():
    first, second = parse(sample("ubnd-tinh-giao-nhiem-vu.edxml")).attachments
    assert (first.name, first.content_type, first.description) == (
        "123-UBND-KT.pdf", "application/pdf", "Công văn 123/UBND-KT (bản ký số)")
    assert first.data.startswith(b"%PDF-1.4\n% Ke hoach ra soat giay phep") and first.size == 185
    assert second.name == "Phu-luc-danh-muc-ho-so.pdf" and second.data.endswith(b"%%EOF\n")


def test_a_flash_dispatch_without_attachments_or_due_date_is_read_as_flash():
    message = parse(sample("cong-dien-hoa-toc.edxml"))
    assert message.notation == "05/CĐ-UBND" and message.doc_type_name == "Công điện"
    assert message.priority == Priority.FLASH and Priority(message.priority).label == "Hỏa tốc"
    assert message.due_on is None and message.attachments == () and not message.signed


def test_the_gateways_wrapper_with_attachments_beside_the_envelope_is_read_too():
    message = parse(sample("so-tai-chinh-khan.edxml"))
    assert message.sender_name == "Sở Tài chính tỉnh Phú Yên" and message.notation == "45/STC-QLGCS"
    assert message.priority == Priority.URGENT and message.due_on == date(2026, 3, 10)
    (attachment,) = message.attachments
    assert attachment.name == "Du-toan-dieu-chinh.pdf"
    assert attachment.description == "Bảng tổng hợp dự toán điều chỉnh"  # from the manifest's reference
    assert attachment.data.startswith(b"%PDF-1.4")


@pytest.mark.parametrize(("code", "priority"), [
    ("0", Priority.NORMAL), ("1", Priority.URGENT), ("2", Priority.EXPRESS), ("3", Priority.FLASH),
    ("4", Priority.FLASH),
])
def test_the_five_priorities_of_the_standard_map_to_the_registers_four(code, priority):
    assert parse(with_priority(code)).priority == priority


def test_every_mapped_priority_is_one_the_register_knows():
    assert set(PRIORITY_BY_CODE.values()) <= set(Priority.values)


def test_a_missing_priority_means_normal():
    assert parse(with_priority("")).priority == Priority.NORMAL


@pytest.mark.parametrize(("name", "what", "where"), [
    ("not-xml.edxml", "không phải XML hợp lệ", "dòng 1"),
    ("truncated.edxml", "không phải XML hợp lệ", "dòng 32"),
    ("wrong-root.xml", "phần tử gốc là «VanBanDen»", "VanBanDen"),
    ("wrong-namespace.edxml", "sai không gian tên (namespace) «http://www.mic.gov.vn/TBT/QCVN_102_2015»",
     "edXMLEnvelope"),
    ("missing-subject.edxml", "thiếu trích yếu văn bản", "MessageHeader/Subject"),
    ("missing-from.edxml", "thiếu thông tin cơ quan gửi", "MessageHeader/From"),
    ("missing-code.edxml", "thiếu số, ký hiệu văn bản", "MessageHeader/Code"),
    ("bad-date.edxml", "ngày «2026/02/30» không hợp lệ", "PromulgationInfo/PromulgationDate"),
    ("bad-priority.edxml", "độ khẩn «7» không hợp lệ", "OtherInfo/Priority"),
    ("bad-base64.edxml", "không phải base64 hợp lệ", "tệp đính kèm thứ 1 «Bao-cao-giai-ngan.pdf»"),
])
def test_a_broken_message_is_refused_saying_in_vietnamese_what_is_wrong_and_where(name, what, where):
    with pytest.raises(EdxmlError) as refused:
        parse(sample(f"broken/{name}"))
    assert refused.value.message_vi.startswith("Bản tin edXML không hợp lệ: ")
    assert what in refused.value.message_vi
    assert "(vị trí: " in refused.value.message_vi and where in refused.value.message_vi
    assert refused.value.message_en.startswith("Invalid edXML message: ")


def test_the_english_message_names_the_place_in_english():
    with pytest.raises(EdxmlError) as refused:
        parse(sample("broken/truncated.edxml"))
    assert "(at: line 32, column" in refused.value.message_en


@pytest.mark.parametrize("name", ["billion-laughs.edxml", "external-entity.edxml"])
def test_entity_declarations_are_refused_before_anything_is_expanded_or_fetched(name):
    with pytest.raises(EdxmlError) as refused:
        parse(sample(f"broken/{name}"))
    assert "DOCTYPE" in refused.value.message_vi and "an toàn" in refused.value.message_vi
    assert "/etc/passwd" not in refused.value.message_vi


def test_a_message_over_20_mb_is_refused_without_being_parsed():
    oversize = b"<" + b"x" * max_message_bytes()
    with pytest.raises(EdxmlError) as refused:
        parse(oversize)
    assert "tệp quá lớn" in refused.value.message_vi and "tối đa 20 MB" in refused.value.message_vi


def test_an_empty_file_is_refused():
    with pytest.raises(EdxmlError, match="tệp rỗng"):
        parse(b"  \n")


def test_an_attachment_without_content_is_refused():
    text = sample("ubnd-tinh-giao-nhiem-vu.edxml").decode()
    encoded = base64.b64encode(parse(text.encode()).attachments[1].data).decode()[:40]
    start = text.index(encoded)
    end = text.index("</edXML:ContentTransferEncoded>", start)
    with pytest.raises(EdxmlError) as refused:
        parse((text[:start] + text[end:]).encode())
    assert "không có nội dung" in refused.value.message_vi and "tệp đính kèm thứ 2" in refused.value.message_vi


def test_a_refusal_is_an_invalid_input_the_pages_show_like_any_other():
    with pytest.raises(EdxmlError) as refused:
        parse(sample("broken/missing-subject.edxml"))
    assert refused.value.as_dict("vi")["code"] == "EDXML-INVALID"


# --- bounds: a hostile message is refused early, before it costs time or memory ------------------

def with_filler(filler: bytes) -> bytes:
    """A real message with `filler` inside its body, where a hostile sender could put anything."""
    text = sample("so-tai-chinh-khan.edxml")
    return text.replace(b"</edXML:Content>", b"</edXML:Content>" + filler, 1)


def peak_memory_while(function, *args) -> tuple[int, Exception | None]:
    import tracemalloc

    tracemalloc.start()
    try:
        function(*args)
        error = None
    except Exception as refused:  # returned for the caller to inspect
        error = refused
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak, error


def test_a_message_of_two_million_elements_is_refused_at_the_element_limit_in_little_memory():
    hostile = with_filler(b"<x/>" * 2_000_000)  # 8 MB: under the byte cap; built whole it took ~0.5 GB
    peak, refused = peak_memory_while(parse, hostile)
    assert isinstance(refused, EdxmlError)
    assert "hơn 20.000 phần tử XML" in refused.message_vi
    assert "phần tử thứ 20.001" in refused.where  # it stopped counting right there
    assert peak < 30 * 1024 * 1024, f"{peak / 1024 / 1024:.0f} MB"


def test_the_element_limit_is_a_setting_and_real_messages_are_far_below_it(settings):
    for name in ("ubnd-tinh-giao-nhiem-vu.edxml", "so-tai-chinh-khan.edxml", "cong-dien-hoa-toc.edxml"):
        parse(sample(name))
    settings.CONGVU_EDXML_MAX_ELEMENTS = 30
    with pytest.raises(EdxmlError, match="hơn 30 phần tử"):
        parse(sample("so-tai-chinh-khan.edxml"))


def test_nesting_deeper_than_any_message_is_refused_with_where():
    with pytest.raises(EdxmlError) as refused:
        parse(with_filler(b"<x>" * 100_000 + b"</x>" * 100_000))
    assert "lồng nhau quá 40 cấp" in refused.value.message_vi
    assert refused.value.where.startswith("edXML/edXMLEnvelope/edXMLHeader/…/x/x")


def test_the_byte_cap_is_a_setting(settings):
    settings.CONGVU_EDXML_MAX_MB = 1
    with pytest.raises(EdxmlError, match="tối đa 1 MB"):
        parse(with_filler(b"<!-- " + b"x" * 1024 * 1024 + b" -->"))


def test_a_control_character_is_refused_by_the_parser_with_its_line_and_column():
    text = sample("so-tai-chinh-khan.edxml").replace(b"V/v \xc4\x91\xe1\xbb\x81 ngh\xe1\xbb\x8b", b"V/v&#x1b; x", 1)
    assert b"&#x1b;" in text
    with pytest.raises(EdxmlError) as refused:
        parse(text)
    assert "không phải XML hợp lệ" in refused.value.message_vi and "dòng 31, cột" in refused.value.message_vi
