"""What officials write when one unit asks another for its opinion (clause 2.2) and when the heads
meet over a disagreement (clause 2.3): a question per matter type, and for each unit the matter type
names as related, the amendment it asks for and the reason it would disagree. Kept apart from the
flows, like `texts`, so these read as the paperwork."""

from dataclasses import dataclass

from congvu.consult.models import ReplyPosition

# What the lead unit asks its related units, per matter type.
QUESTIONS: dict[str, tuple[str, ...]] = {
    "cap-phep-xay-dung": (
        "Đề nghị cho ý kiến về hiện trạng, quyền sử dụng đất của khu đất xây dựng công trình và yêu cầu bảo vệ "
        "môi trường trong quá trình thi công.",
        "Đề nghị cho ý kiến về sự phù hợp của vị trí công trình với quy hoạch, kế hoạch sử dụng đất hằng năm.",
    ),
    "tham-dinh-bao-cao-nckt": (
        "Đề nghị cho ý kiến về tổng mức đầu tư, nguồn vốn và phương án sử dụng đất của dự án theo báo cáo "
        "nghiên cứu khả thi.",
        "Đề nghị cho ý kiến thẩm định báo cáo nghiên cứu khả thi đối với nội dung thuộc chức năng, nhiệm vụ "
        "của đơn vị.",
    ),
    "quy-hoach-chi-tiet": (
        "Đề nghị cho ý kiến về đồ án quy hoạch chi tiết tỷ lệ 1/500: chỉ tiêu sử dụng đất, hạ tầng kỹ thuật, "
        "không gian kiến trúc cảnh quan.",
        "Đề nghị cho ý kiến về hồ sơ đồ án quy hoạch chi tiết trước khi trình UBND tỉnh phê duyệt.",
    ),
    "gia-vat-lieu": (
        "Đề nghị cho ý kiến về bảng giá vật liệu xây dựng của quý trước khi công bố.",
    ),
    "chu-truong-dau-tu": (
        "Đề nghị cho ý kiến thẩm định hồ sơ đề nghị chấp thuận chủ trương đầu tư đối với nội dung thuộc lĩnh vực "
        "quản lý của đơn vị (Điều 33 Luật Đầu tư 2020).",
        "Đề nghị cho ý kiến về sự phù hợp của dự án với quy hoạch, nhu cầu sử dụng đất và năng lực của nhà đầu tư.",
    ),
    "giao-dat-cho-thue-dat": (
        "Đề nghị cho ý kiến về việc cho thuê đất: sự phù hợp với quy hoạch xây dựng, giá đất và nghĩa vụ tài chính "
        "của nhà đầu tư.",
    ),
    "giay-phep-moi-truong": (
        "Đề nghị cho ý kiến về hồ sơ cấp giấy phép môi trường: công trình xử lý chất thải, khoảng cách an toàn "
        "đến khu dân cư.",
    ),
    "hoa-giai-dat-dai": (
        "Đề nghị cho ý kiến về ranh giới các thửa đất đang tranh chấp theo hồ sơ địa chính lưu trữ, làm cơ sở "
        "tổ chức hòa giải.",
    ),
    "phep-xay-dung-nha-o": (
        "Đề nghị cho ý kiến về chỉ giới xây dựng, chiều cao công trình theo quy hoạch chi tiết được duyệt tại "
        "khu vực.",
    ),
    "tro-cap-xa-hoi": (
        "Đề nghị cho ý kiến về đối tượng, mức hưởng trợ cấp xã hội hằng tháng đối với trường hợp hồ sơ chưa rõ "
        "(Nghị định 20/2021/NĐ-CP).",
    ),
    "thanh-lap-truong-tu-thuc": (
        "Đề nghị cho ý kiến về đề án thành lập trường: tổ chức bộ máy, phương án tài chính, cơ sở vật chất.",
    ),
    "vi-tri-viec-lam": (
        "Đề nghị cho ý kiến về dự thảo đề án vị trí việc làm, bảo đảm phù hợp biên chế và dự toán kinh phí "
        "được giao trong năm.",
    ),
    "khieu-nai-lan-hai": (
        "Đề nghị cho ý kiến về căn cứ pháp lý, trình tự, thủ tục ban hành quyết định thu hồi đất bị khiếu nại.",
    ),
    "dang-ky-dau-tu-kcn": (
        "Đề nghị cho ý kiến về năng lực tài chính của nhà đầu tư và ưu đãi đầu tư áp dụng cho dự án.",
    ),
    "phep-xay-dung-kcn": (
        "Đề nghị cho ý kiến về thiết kế cơ sở và sự phù hợp với quy hoạch chi tiết khu công nghiệp.",
    ),
}
GENERIC_QUESTION = "Đề nghị cho ý kiến về hồ sơ theo chức năng, nhiệm vụ của đơn vị."

# (matter type, consulted unit) → (the amendment it asks for, the reason it would disagree).
REASONS: dict[tuple[str, str], tuple[str, str]] = {
    ("cap-phep-xay-dung", "snnmt"): (
        "Thống nhất cấp phép; đề nghị chủ đầu tư bổ sung phương án thu gom, xử lý nước thải thi công và che chắn "
        "bụi theo Luật Bảo vệ môi trường 2020.",
        "Khu đất chưa hoàn thành thủ tục chuyển mục đích sử dụng sang đất thương mại, dịch vụ; chưa đủ điều kiện "
        "cấp giấy phép xây dựng.",
    ),
    ("tham-dinh-bao-cao-nckt", "stc"): (
        "Thống nhất; đề nghị rà soát chi phí dự phòng (đang tính 10%, cao hơn định mức) và làm rõ phân kỳ bố trí "
        "vốn theo từng năm.",
        "Dự án chưa có trong kế hoạch đầu tư công trung hạn giai đoạn 2026–2030; chưa đủ căn cứ xác định nguồn vốn.",
    ),
    ("tham-dinh-bao-cao-nckt", "snnmt"): (
        "Thống nhất; đề nghị hoàn thành thủ tục đánh giá tác động môi trường trước khi phê duyệt dự án.",
        "Phạm vi dự án chồng lấn 2,3 ha đất rừng sản xuất; phải làm thủ tục chuyển mục đích sử dụng rừng trước.",
    ),
    ("quy-hoach-chi-tiet", "snnmt"): (
        "Thống nhất về cơ bản; đề nghị điều chỉnh ranh giới lập quy hoạch khớp với bản đồ địa chính và bổ sung "
        "điểm tập kết rác thải.",
        "Đồ án bố trí đất ở trên đất trồng lúa chưa được chuyển mục đích trong kế hoạch sử dụng đất hằng năm.",
    ),
    ("quy-hoach-chi-tiet", "stc"): (
        "Thống nhất; đề nghị làm rõ hạ tầng kỹ thuật do nhà đầu tư bỏ vốn, không sử dụng ngân sách tỉnh.",
        "Đồ án đề xuất ngân sách tỉnh đầu tư tuyến đường trục chính của khu quy hoạch; chưa cân đối được nguồn vốn.",
    ),
    ("quy-hoach-chi-tiet", "svhttdl"): (
        "Thống nhất; đề nghị giữ khoảng lùi tối thiểu 20 m quanh cây đa và miếu thờ của làng, bổ sung không gian "
        "sinh hoạt văn hóa cộng đồng.",
        "Khu quy hoạch nằm trong khu vực bảo vệ II của di tích lịch sử cấp tỉnh; công trình 9 tầng không phù hợp "
        "yêu cầu bảo vệ di tích.",
    ),
    ("gia-vat-lieu", "stc"): (
        "Thống nhất công bố; đề nghị rà soát giá cát xây dựng và đá 1x2 ở khu vực phía Tây tỉnh, đang cao hơn "
        "mặt bằng giá thị trường.",
        "Số liệu khảo sát chưa đủ 03 báo giá cho mỗi loại vật liệu; đề nghị khảo sát bổ sung trước khi công bố.",
    ),
    ("chu-truong-dau-tu", "sxd"): (
        "Thống nhất; đề nghị nhà đầu tư điều chỉnh mật độ xây dựng về tối đa 60% theo quy hoạch phân khu.",
        "Vị trí dự án chưa có quy hoạch phân khu được duyệt; chưa đủ căn cứ xác định sự phù hợp với quy hoạch "
        "xây dựng.",
    ),
    ("chu-truong-dau-tu", "snnmt"): (
        "Thống nhất; đề nghị làm rõ nhu cầu sử dụng đất theo từng giai đoạn và phương án bồi thường, giải phóng "
        "mặt bằng.",
        "Khu đất thực hiện dự án chưa có trong kế hoạch sử dụng đất hằng năm của địa phương.",
    ),
    ("chu-truong-dau-tu", "sct"): (
        "Thống nhất; đề nghị bổ sung phương án cấp điện, phù hợp quy hoạch phát triển điện lực của tỉnh.",
        "Công suất điện dự án đề xuất vượt khả năng tiếp nhận của lưới điện khu vực trong hai năm tới.",
    ),
    ("giao-dat-cho-thue-dat", "stc"): (
        "Thống nhất; đề nghị xác định giá đất cụ thể trước khi quyết định cho thuê để tính tiền thuê đất hằng năm.",
        "Nhà đầu tư còn nợ tiền thuê đất của dự án trước; chưa cho thuê đất khi chưa hoàn thành nghĩa vụ tài chính.",
    ),
    ("giao-dat-cho-thue-dat", "sxd"): (
        "Thống nhất; đề nghị quyết định cho thuê đất ghi rõ yêu cầu tuân thủ chỉ tiêu quy hoạch chi tiết 1/500.",
        "Mục đích thương mại, dịch vụ không phù hợp quy hoạch chi tiết đã duyệt (đất cây xanh công cộng).",
    ),
    ("giay-phep-moi-truong", "sxd"): (
        "Thống nhất; đề nghị rà soát khoảng cách an toàn môi trường đến khu dân cư theo QCVN 01:2021/BXD.",
        "Khu xử lý cách khu dân cư hiện hữu khoảng 150 m, thấp hơn khoảng cách an toàn tối thiểu theo "
        "QCVN 01:2021/BXD.",
    ),
    ("giay-phep-moi-truong", "syt"): (
        "Thống nhất; đề nghị bổ sung chương trình quan trắc định kỳ tiếng ồn, bụi tại khu dân cư lân cận.",
        "Chưa đánh giá ảnh hưởng của khí thải đến sức khỏe học sinh tại điểm trường cách nhà máy 300 m.",
    ),
    ("hoa-giai-dat-dai", "snnmt"): (
        "Hồ sơ địa chính thể hiện ranh giới theo bản đồ năm 1998; đề nghị đo đạc lại hiện trạng trước khi hòa giải.",
        "Tranh chấp đã được giải quyết bằng bản án có hiệu lực pháp luật; không thuộc trường hợp hòa giải tại UBND "
        "cấp xã.",
    ),
    ("phep-xay-dung-nha-o", "sxd"): (
        "Thống nhất cấp phép; đề nghị ban công không vươn quá 1,2 m so với chỉ giới đường đỏ.",
        "Công trình nằm trong phạm vi mở rộng đường theo quy hoạch đã duyệt; chỉ được cấp giấy phép xây dựng "
        "có thời hạn.",
    ),
    ("tro-cap-xa-hoi", "syt"): (
        "Thống nhất; đề nghị bổ sung giấy xác nhận mức độ khuyết tật do Hội đồng xác định mức độ khuyết tật cấp.",
        "Người đề nghị đang hưởng lương hưu; không thuộc đối tượng hưởng trợ cấp xã hội hằng tháng.",
    ),
    ("thanh-lap-truong-tu-thuc", "snv"): (
        "Thống nhất; đề nghị đề án nêu rõ cơ cấu Hội đồng trường và số lượng cán bộ quản lý.",
        "Đề án chưa có phương án nhân sự hiệu trưởng đáp ứng tiêu chuẩn theo Điều lệ trường trung học.",
    ),
    ("thanh-lap-truong-tu-thuc", "stc"): (
        "Thống nhất; đề nghị bổ sung báo cáo tài chính đã kiểm toán chứng minh vốn đầu tư.",
        "Vốn đầu tư chứng minh thấp hơn mức tối thiểu (không kể giá trị đất) theo Nghị định 125/2024/NĐ-CP.",
    ),
    ("thanh-lap-truong-tu-thuc", "sxd"): (
        "Thống nhất; đề nghị bổ sung giấy phép xây dựng các hạng mục phòng học, nhà đa năng.",
        "Diện tích khuôn viên bình quân dưới 10 m² mỗi học sinh, không đạt tiêu chuẩn thiết kế trường học.",
    ),
    ("vi-tri-viec-lam", "stc"): (
        "Thống nhất; đề nghị thuyết minh nguồn kinh phí chi trả cho 04 vị trí tăng thêm so với năm trước.",
        "Số vị trí việc làm đề xuất vượt biên chế được giao trong năm; không đủ dự toán chi thường xuyên.",
    ),
    ("khieu-nai-lan-hai", "snnmt"): (
        "Quyết định thu hồi đất đúng thẩm quyền; đề nghị xem xét bổ sung hỗ trợ ổn định đời sống cho hộ gia đình.",
        "Việc thu hồi đất đúng thẩm quyền, trình tự theo Luật Đất đai 2024; không thống nhất đề xuất hủy quyết "
        "định thu hồi đất.",
    ),
    ("khieu-nai-lan-hai", "snv"): (
        "Thống nhất; đề nghị làm rõ trách nhiệm của cá nhân, đơn vị tham mưu để xem xét xử lý theo quy định.",
        "Chưa đủ căn cứ kết luận trách nhiệm của công chức địa chính xã; đề nghị xác minh thêm trước khi kết luận.",
    ),
    ("dang-ky-dau-tu-kcn", "stc"): (
        "Thống nhất; đề nghị ghi rõ điều kiện hưởng ưu đãi thuế thu nhập doanh nghiệp trong giấy chứng nhận.",
        "Nhà đầu tư chưa chứng minh được vốn chủ sở hữu tối thiểu 20% tổng vốn đầu tư.",
    ),
    ("phep-xay-dung-kcn", "sxd"): (
        "Thống nhất; đề nghị bổ sung văn bản thẩm duyệt thiết kế về phòng cháy và chữa cháy của Công an tỉnh.",
        "Nhà xưởng vượt chiều cao tối đa theo quy hoạch chi tiết khu công nghiệp; đề nghị điều chỉnh thiết kế.",
    ),
}
GENERIC_REASONS = (
    "Thống nhất; đề nghị đơn vị chủ trì rà soát, hoàn thiện hồ sơ theo quy định chuyên ngành.",
    "Hồ sơ chưa đủ căn cứ theo quy định chuyên ngành; đề nghị bổ sung trước khi quyết định.",
)


@dataclass(frozen=True)
class OverrideCase:
    """A unit the matter type does not name, asked all the same by the lead unit's head, in writing."""

    unit: str
    question: str
    reason: str
    amendment: str


OVERRIDES: dict[str, OverrideCase] = {
    "cap-phep-xay-dung": OverrideCase(
        "svhttdl", "Đề nghị cho ý kiến về ảnh hưởng của công trình đến di tích lịch sử - văn hóa liền kề.",
        "Công trình nằm trong khu vực bảo vệ II của di tích lịch sử cấp tỉnh; theo Luật Di sản văn hóa 2024 cần ý "
        "kiến của Sở Văn hóa, Thể thao và Du lịch trước khi cấp phép.",
        "Thống nhất; đề nghị chiều cao công trình không quá 5 tầng, màu sắc mặt ngoài hài hòa với cảnh quan di tích.",
    ),
    "giao-dat-cho-thue-dat": OverrideCase(
        "sdttg", "Đề nghị cho ý kiến về việc bảo tồn không gian sinh hoạt cộng đồng trong khu đất đề nghị cho thuê.",
        "Khu đất có nhà rông và bến nước truyền thống của buôn đồng bào Ê Đê; cần ý kiến của Sở Dân tộc và Tôn giáo "
        "về bảo tồn không gian văn hóa cộng đồng.",
        "Thống nhất cho thuê đất; đề nghị loại khu nhà rông, bến nước truyền thống ra khỏi ranh giới dự án và giữ "
        "lối đi của người dân buôn.",
    ),
    "dang-ky-dau-tu-kcn": OverrideCase(
        "snnmt", "Đề nghị cho ý kiến về phương án thu gom, xử lý nước thải của dự án.",
        "Dự án xả nước thải với lưu lượng lớn ra lưu vực sông Sêrêpốk; cần ý kiến của Sở Nông nghiệp và Môi trường "
        "dù loại việc không quy định.",
        "Thống nhất; đề nghị nhà đầu tư đấu nối nước thải vào trạm xử lý tập trung của khu công nghiệp, không xả "
        "trực tiếp ra sông.",
    ),
}

# What the lead unit still holds after the heads met without agreeing (it travels with the submission).
LEAD_VIEWS: dict[str, str] = {
    "quy-hoach-chi-tiet": "Giữ phương án quy hoạch: chỉ tiêu sử dụng đất phù hợp quy hoạch chung đã duyệt; các vướng "
                          "mắc còn lại xử lý ở bước lập dự án.",
    "chu-truong-dau-tu": "Đề nghị chấp thuận chủ trương; các điều kiện còn lại xử lý ở bước giao đất, cấp phép "
                         "xây dựng.",
    "giao-dat-cho-thue-dat": "Đề nghị cho thuê đất theo hồ sơ; các vấn đề còn lại ghi thành điều kiện trong "
                             "quyết định.",
    "thanh-lap-truong-tu-thuc": "Đề nghị cho phép thành lập, yêu cầu nhà đầu tư hoàn thiện điều kiện trước khi cho "
                                "phép hoạt động giáo dục.",
    "vi-tri-viec-lam": "Giữ số vị trí việc làm đề xuất để bảo đảm nhiệm vụ sau sắp xếp; kinh phí bố trí trong dự toán "
                       "được giao.",
    "khieu-nai-lan-hai": "Giữ kết quả xác minh: quyết định thu hồi đất có sai sót về trình tự thông báo; đề nghị công "
                         "nhận một phần nội dung khiếu nại.",
}
GENERIC_LEAD_VIEW = "Giữ nguyên đề xuất của đơn vị chủ trì; các điều kiện còn lại xử lý ở bước tiếp theo."

# How the head of each kind of unit signs the minutes of the heads' meeting (by the login word of the post).
HEAD_POSTS = {"giamdoc": "Giám đốc {unit}", "chutich": "Chủ tịch {unit}", "chanhthanhtra": "Chánh Thanh tra tỉnh",
              "truongban": "Trưởng {unit}", "chanhvanphong": "Chánh {unit}", "truongphong": "Trưởng {unit}"}


def questions(matter_code: str) -> tuple[str, ...]:
    override = OVERRIDES.get(matter_code)
    return QUESTIONS.get(matter_code, (override.question,) if override else (GENERIC_QUESTION,))


def reasons(matter_code: str, unit_code: str, position: str) -> str:
    """The words of a reply: none for plain agreement (clause 2.2 asks reasons only otherwise)."""
    if position == ReplyPosition.AGREE:
        return ""
    override = OVERRIDES.get(matter_code)
    if override is not None and override.unit == unit_code:
        amendment, objection = override.amendment, GENERIC_REASONS[1]
    else:
        amendment, objection = REASONS.get((matter_code, unit_code), GENERIC_REASONS)
    return amendment if position == ReplyPosition.AGREE_WITH_AMENDMENTS else objection


def lead_view(matter_code: str) -> str:
    return LEAD_VIEWS.get(matter_code, GENERIC_LEAD_VIEW)


def head_post(head_word: str, unit_name: str) -> str:
    return HEAD_POSTS.get(head_word, "Thủ trưởng {unit}").format(unit=unit_name)


def attendees(lead_head: str, lead_post: str, other_head: str, other_post: str) -> str:
    """Who met: the lead unit's head, who chairs, and the head of the unit that disagreed."""
    return (f"{lead_head} — {lead_post} (chủ trì); {other_head} — {other_post}; "
            "đại diện phòng chuyên môn của hai đơn vị.")


# What the lead unit proposes, per matter type (a consultation asks about a proposal, clause 2.2): a
# silent unit is deemed to agree with exactly this, and the notice cites it.
PROPOSALS: dict[str, str] = {
    "cap-phep-xay-dung": "Cấp giấy phép xây dựng theo hồ sơ thiết kế đã thẩm định, với điều kiện chủ đầu tư "
                         "hoàn thành thủ tục bảo vệ môi trường trước khi khởi công.",
    "quy-hoach-chi-tiet": "Trình UBND tỉnh phê duyệt đồ án với mật độ xây dựng tối đa 40%, tầng cao tối đa "
                          "9 tầng và hạ tầng kỹ thuật theo hồ sơ gửi kèm.",
    "gia-vat-lieu": "Công bố bảng giá vật liệu xây dựng quý theo dự thảo gửi kèm, có hiệu lực từ ngày ký.",
    "chu-truong-dau-tu": "Trình UBND tỉnh chấp thuận chủ trương đầu tư đồng thời chấp thuận nhà đầu tư theo "
                         "dự thảo báo cáo thẩm định gửi kèm.",
    "giao-dat-cho-thue-dat": "Trình UBND tỉnh cho thuê đất trả tiền hằng năm theo dự thảo tờ trình gửi kèm.",
}
GENERIC_PROPOSAL = "Giải quyết hồ sơ theo dự thảo văn bản của đơn vị chủ trì gửi kèm."
# Why a consulted unit sends a request back (clause 2.2: do not consult unrelated units).
SEND_BACK_REASON = ("Nội dung xin ý kiến không thuộc chức năng, nhiệm vụ của đơn vị; đề nghị đơn vị chủ trì "
                    "tự quyết định theo thẩm quyền.")


def proposal(matter_code: str) -> str:
    return PROPOSALS.get(matter_code, GENERIC_PROPOSAL)
