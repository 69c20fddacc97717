"""DocumentType in the messages congvu sends: Type 1 (administrative), TypeDetail the kind's number in
Decree 30/2020's list (congvu.documents.edxml_doctypes), TypeName its name."""

from congvu.documents.edxml_doctypes import DECREE_30_KINDS, OTHER, kind_of


def test_the_kinds_congvu_issues_have_their_decree_30_numbers_and_names():
    assert len(DECREE_30_KINDS) == 29  # Article 7 lists 29 kinds of administrative document
    assert [(k.detail, k.name) for k in (kind_of("QĐ", "QUYẾT ĐỊNH"), kind_of("TB", "THÔNG BÁO"),
                                         kind_of("BC", "BÁO CÁO"), kind_of(None, None))] == [
        ("2", "Quyết định"), ("7", "Thông báo"), ("14", "Báo cáo"), ("18", "Công văn")]


def test_a_kind_outside_the_list_is_other_and_named_by_its_title():
    conclusion = kind_of("KL", "KẾT LUẬN")
    assert (conclusion.detail, conclusion.name) == (OTHER, "Kết luận")
