"""The words officials write in the demo: directions, reasons, results. Kept apart from the flows so
the flows read as the story and these read as the paperwork."""

from congvu.org.models import Unit
from congvu.registry.models import MatterType

DIRECTION_NOTES = (
    "Giao chủ trì giải quyết đúng thời hạn quy định.",
    "Khẩn trương xem xét, tham mưu giải quyết theo quy định.",
    "Kiểm tra hồ sơ, nếu thiếu thì hướng dẫn bổ sung một lần bằng văn bản.",
    "Phối hợp các đơn vị liên quan, báo cáo kết quả trước thời hạn.",
    "",
)
ASSIGN_NOTES = (
    "Thẩm định hồ sơ, dự thảo văn bản trả lời.",
    "Kiểm tra thực địa nếu cần, đề xuất phương án giải quyết.",
    "Xử lý theo quy trình nội bộ, báo cáo khi có vướng mắc.",
    "",
)
EXTENSION_REASONS = (
    "Chủ đầu tư chậm nộp tài liệu bổ sung theo yêu cầu; cần thêm thời gian thẩm định.",
    "Phải kiểm tra hiện trạng tại thực địa; mưa lớn kéo dài ảnh hưởng việc đi lại.",
    "Chờ kết quả đo đạc, trích lục bản đồ địa chính của cơ quan chuyên môn.",
    "Nội dung phức tạp, cần tổ chức họp liên ngành để thống nhất.",
)
# The cause of each delay, by DelayCause value (clause 1.5: completing work past its legal deadline).
DELAY_NOTES = {
    "workload": "Số lượng hồ sơ tăng đột biến trong tháng, chuyên viên thụ lý kiêm nhiệm nhiều việc.",
    "waiting": "Chờ ý kiến của đơn vị phối hợp và kết quả kiểm tra thực địa của cơ quan chuyên môn.",
    "dossier": "Hồ sơ của tổ chức, công dân thiếu tài liệu; đã yêu cầu bổ sung, nhận đủ sau hạn.",
    "legal": "Văn bản quy phạm pháp luật áp dụng chưa thống nhất, phải xin ý kiến hướng dẫn.",
    "other": "Hệ thống phần mềm gián đoạn, phải xử lý lại hồ sơ giấy.",
}
VERDICTS = (
    "chấp thuận theo đề nghị",
    "chấp thuận có điều kiện, yêu cầu bổ sung biện pháp bảo đảm an toàn",
    "không chấp thuận, đã nêu rõ lý do và căn cứ pháp lý",
    "giải quyết xong, đã trả kết quả cho tổ chức, cá nhân",
)
PROVINCE_VERDICTS = (
    "đồng ý theo đề xuất của cơ quan chủ trì",
    "đồng ý chủ trương, giao cơ quan chủ trì hoàn thiện thủ tục theo quy định",
    "chưa đồng ý, giao cơ quan chủ trì rà soát, bổ sung hồ sơ",
)
SUBMISSION_OVERRIDES = (
    "Dự án có quy mô lớn, ảnh hưởng nhiều ngành; Sở chịu trách nhiệm trình để xin ý kiến chỉ đạo "
    "của Chủ tịch UBND tỉnh trước khi quyết định.",
    "Các sở còn ý kiến khác nhau về điều kiện cấp phép; trình UBND tỉnh cho ý kiến để thống nhất thực hiện.",
)
FOREIGN_OVERRIDE = (
    "Ban Quản lý các khu công nghiệp đang kiện toàn bộ máy sau sắp xếp, chưa đủ cán bộ thẩm định; "
    "Sở Xây dựng chủ trì theo ý kiến kết luận của lãnh đạo UBND tỉnh tại cuộc họp giao ban."
)


def not_ours(competent: Unit, matter: MatterType) -> str:
    return (f"Nội dung thuộc thẩm quyền giải quyết của {competent.name} ({matter.legal_basis}); "
            "đề nghị gửi đúng cơ quan có thẩm quyền.")


def requester_own(requester: Unit, matter: MatterType) -> str:
    return (f"Việc thuộc thẩm quyền của chính {requester.name} ({matter.legal_basis}); "
            "đề nghị đơn vị chủ động giải quyết theo quy định.")


def transfer(competent: Unit, matter: MatterType) -> str:
    return f"Chuyển {competent.name} giải quyết theo thẩm quyền ({matter.legal_basis})."


def submission(matter: MatterType) -> str:
    return f"Tờ trình về việc {matter.name[0].lower()}{matter.name[1:]}; hồ sơ kèm theo."
