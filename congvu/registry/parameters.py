"""The working-regulation parameters congvu ships with. The administrator changes them at /quan-tri/;
a parameter missing from the database falls back to these values (see `queries.parameter`).

Each row is a `RegulationParameter` without its id, in the columns of `registry.snapshot.ParameterFact`
after the id: key, description, value, minimum, maximum, legal basis. Plain tuples, not a record type
of their own: the fact is the one declaration of those columns, and the data migration that ships the
rows unpacks them as they are."""

DEFAULTS = (
    ("consultation_reply_days", "Thời hạn trả lời xin ý kiến mặc định (ngày làm việc)", 5, 2, 15,
            "Quy chế làm việc của UBND tỉnh (Quyết định 04/2023/QĐ-UBND)"),
    ("consultation_reminder_days", "Nhắc trả lời xin ý kiến trước hạn (ngày làm việc)", 1, 0, 5,
            "Quy chế làm việc của UBND tỉnh"),
    # Cited by the deemed-agreement notice (clause 2.2): the province's working-regulation article and
    # its implementing document. Only its basis text is used (the value is fixed at 0); set it per province.
    ("deemed_agreement_basis", "Căn cứ pháp lý của thông báo coi như đồng ý (chỉ dùng cột Căn cứ)",
            0, 0, 0,
            "Quy chế làm việc của UBND tỉnh ban hành kèm theo Quyết định số 04/2023/QĐ-UBND và Mục 2.2 Văn bản "
            "số 2230/UBND-NC ngày 16/5/2023 của UBND tỉnh"),
    # 0: only departments and communes are consulted (clause 2.2); 1: any unit but one's own divisions.
    ("consultation_any_unit", "Cho phép xin ý kiến cả đơn vị không trực tiếp giải quyết công việc (0/1)",
            0, 0, 1, "Mục 2.2 Văn bản số 2230/UBND-NC"),
    ("present_within_days", "Trình lãnh đạo văn bản đến trong (ngày làm việc)", 1, 0, 2,
            "Nghị định 30/2020/NĐ-CP, Điều 24"),
    # The days a unit may hold work it then transfers or returns (clause 2.1) before they count as held
    # beyond its share in the figures.
    ("pass_on_within_days", "Chuyển, trả lại văn bản không thuộc thẩm quyền trong (ngày làm việc)", 2, 1, 10,
            "Quy chế làm việc của UBND tỉnh; Văn bản 2230/UBND-NC, Mục 2.1"),
)

# The avoidance index's weights (congvu.oversight.signals), in tenths of a point per occurrence (the
# step delay: per working day late). 0 leaves a signal out of the index; it is still shown.
AVOIDANCE_WEIGHTS = (
    ("own_transfer", "chuyển việc thuộc thẩm quyền của mình", 30, "2.1"),
    ("foreign_matter", "làm việc thuộc thẩm quyền đơn vị khác", 10, "2.1"),
    ("upward", "trình vượt cấp bị từ chối hoặc trả lại", 30, "1.4"),
    ("unrelated_consultation", "xin ý kiến không liên quan", 20, "2.2"),
    ("deemed", "coi như đồng ý (im lặng, trả lời muộn)", 30, "2.2"),
    ("extension_self", "đơn vị tự gia hạn", 10, "1.5"),
    ("extension_above", "gia hạn vượt mức, xin cấp trên", 20, "1.5"),
    ("returns_wrong", "trả lại sai", 40, "2.1"),
    ("bounced", "việc bị chuyển qua lại từ hai lần", 30, "2.1"),
    ("undecided_twice", "việc quá gấp đôi thời hạn chưa giải quyết", 30, "1.5"),
    ("step_delay", "chậm từng bước, mỗi ngày làm việc", 1, "1.3"),
    ("backlog_plan_missed", "việc tồn đọng không giải quyết kịp ngày đã cam kết khi rà soát", 30, "1.5"),
)
DEFAULTS += tuple(
    (f"avoidance_weight_{code}", f"Trọng số chỉ số né tránh: {what} (phần mười điểm)", weight, 0, 100,
            f"Mục {clause} Văn bản số 2230/UBND-NC; trọng số do Sở Nội vụ quy định")
    for code, what, weight, clause in AVOIDANCE_WEIGHTS
)
