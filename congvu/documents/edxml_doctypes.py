"""The kinds of document in an edXML message's `DocumentType` (QCVN 102:2016/BTTTT): `Type` 1 for an
administrative document (văn bản hành chính; 2 would be a legal normative one, which congvu never
issues), `TypeDetail` the kind of administrative document, `TypeName` its name.

Source of the code list: the 29 kinds of administrative document in the order of Decree 30/2020/NĐ-CP
on clerical work, Article 7, numbered from 1, with the abbreviations of its Appendix III that congvu
prints in a document's number ("05/QĐ-SNV"). The standard's own table was not found in the reference
corpus searched (docs and public code, 30/11/2026); the numbering agrees with the one data point found
there, a public TypeScript client of an axis gateway that writes 18 for a công văn ("Type=18 = Cong
van, theo C# SDK default", i.e. the Government Office's C# SDK). That client puts the number in `Type`;
congvu keeps `Type` 1 as QCVN 102 defines it and puts the kind in `TypeDetail`. Check it against the
province gateway's documentation when connecting (README, "Sending over the axis").
A kind outside Article 7 — an inspection's conclusion (KL, Law on Inspection) — is `TypeDetail` 0,
"other", with its own name in `TypeName`."""

from dataclasses import dataclass

ADMINISTRATIVE = "1"
OTHER = "0"


@dataclass(frozen=True)
class DocKind:
    detail: str  # TypeDetail
    abbrev: str | None  # Appendix III; None: the kind has none (a công văn, a thư công)
    name: str  # TypeName


DECREE_30_KINDS = tuple(DocKind(str(n), abbrev, name) for n, (abbrev, name) in enumerate((
    ("NQ", "Nghị quyết"), ("QĐ", "Quyết định"), ("CT", "Chỉ thị"), ("QC", "Quy chế"), ("QyĐ", "Quy định"),
    ("TC", "Thông cáo"), ("TB", "Thông báo"), ("HD", "Hướng dẫn"), ("CTr", "Chương trình"), ("KH", "Kế hoạch"),
    ("PA", "Phương án"), ("ĐA", "Đề án"), ("DA", "Dự án"), ("BC", "Báo cáo"), ("BB", "Biên bản"),
    ("TTr", "Tờ trình"), ("HĐ", "Hợp đồng"), (None, "Công văn"), ("CĐ", "Công điện"), ("GNN", "Bản ghi nhớ"),
    ("TTh", "Bản thỏa thuận"), ("GUQ", "Giấy ủy quyền"), ("GM", "Giấy mời"), ("GGT", "Giấy giới thiệu"),
    ("GNP", "Giấy nghỉ phép"), ("PG", "Phiếu gửi"), ("PC", "Phiếu chuyển"), ("PB", "Phiếu báo"),
    (None, "Thư công"),
), start=1))
BY_ABBREV = {kind.abbrev: kind for kind in DECREE_30_KINDS if kind.abbrev}
CONG_VAN = DECREE_30_KINDS[17]


def kind_of(type_abbrev: str | None, title: str | None) -> DocKind:
    """The kind of a letter by its abbreviation ("QĐ"; None for a công văn); one outside Decree 30's
    list is "other", named by its printed title ("KẾT LUẬN" → "Kết luận")."""
    if type_abbrev is None:
        return CONG_VAN
    return BY_ABBREV.get(type_abbrev) or DocKind(OTHER, type_abbrev, (title or type_abbrev).capitalize())


BY_DETAIL = {kind.detail: kind for kind in DECREE_30_KINDS}
BY_NAME = {kind.name.casefold(): kind for kind in DECREE_30_KINDS}


def name_of(type_code: str, detail: str, name: str) -> str:
    """The kind's name as a received message gives it: its TypeName, else the name its TypeDetail
    stands for in an administrative document (a gateway that writes only the code), else ""."""
    if name or type_code not in ("", ADMINISTRATIVE):
        return name
    kind = BY_DETAIL.get(detail.strip())
    return kind.name if kind else ""


def detail_of(name: str) -> str:
    """TypeDetail for a kind named in full ("Quyết định"); "0", other, for a name outside the list."""
    kind = BY_NAME.get(name.strip().casefold())
    return kind.detail if kind else OTHER
