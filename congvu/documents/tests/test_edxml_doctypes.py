"""DocumentType in the messages congvu sends: Type 1 (administrative), TypeDetail the kind's number in
Decree 30/2020's list (congvu.documents.edxml_doctypes), TypeName its name."""

import re
from datetime import date

from congvu.documents.edxml import parse
from congvu.documents.edxml_doctypes import DECREE_30_KINDS, OTHER, kind_of
from congvu.documents.edxml_write import DocumentToSend, document


def test_the_kinds_congvu_issues_have_their_decree_30_numbers_and_names():
    assert len(DECREE_30_KINDS) == 29  # Article 7 lists 29 kinds of administrative document
    assert [(k.detail, k.name) for k in (kind_of("QĐ", "QUYẾT ĐỊNH"), kind_of("TB", "THÔNG BÁO"),
                                         kind_of("BC", "BÁO CÁO"), kind_of(None, None))] == [
        ("2", "Quyết định"), ("7", "Thông báo"), ("14", "Báo cáo"), ("18", "Công văn")]


def test_a_kind_outside_the_list_is_other_and_named_by_its_title():
    conclusion = kind_of("KL", "KẾT LUẬN")
    assert (conclusion.detail, conclusion.name) == (OTHER, "Kết luận")


def test_a_received_message_naming_its_kind_only_by_code_is_read_with_the_kinds_name():
    data = document(DocumentToSend("000.00.00.H48", "UBND tỉnh Phú Yên", "12", "QĐ-UBND", date(2026, 3, 2),
                                   "Về việc giao chỉ tiêu", doc_type_name="Quyết định"))
    assert b"TypeDetail>2<" in data  # congvu's writer gives the code too
    without_name = re.sub(rb"<(\w+:)?TypeName>[^<]*</(\w+:)?TypeName>", b"", data)
    assert b"TypeName" not in without_name
    assert parse(without_name).doc_type_name == "Quyết định"
    assert parse(data).doc_type_name == "Quyết định"
