"""The public report form (clause 1.7). Vietnamese only: the public pages are rendered in Vietnamese
whatever the browser asks, so the labels are written in Vietnamese here."""

from django import forms

from congvu.oversight.models_public import ReportAbout, ReportKind
from congvu.oversight.public_reports import MAX_DESCRIPTION
from congvu.web.forms import TextField, UnitChoiceField, UploadField, active_units
from congvu.web.public_limits import challenge_answered

REQUIRED = {"required": "Trường này cần điền."}


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label="Nội dung phản ánh", error_messages=REQUIRED, choices=[
        (ReportKind.HARASSMENT, "Nhũng nhiễu, gây phiền hà"), (ReportKind.PETTY_CORRUPTION, "Tham nhũng vặt"),
        (ReportKind.DELAY, "Chậm trễ"), (ReportKind.AVOIDANCE, "Né tránh, đùn đẩy trách nhiệm")])
    about = forms.ChoiceField(label="Phản ánh về", error_messages=REQUIRED, choices=[
        (ReportAbout.UNIT, "Một cơ quan, đơn vị"), (ReportAbout.OFFICIAL, "Một cán bộ (họ tên hoặc chức danh)"),
        (ReportAbout.DOSSIER, "Một hồ sơ (số trên giấy biên nhận)")], widget=forms.RadioSelect)
    unit = UnitChoiceField(label="Cơ quan, đơn vị", queryset=None, required=False,
                           empty_label="— Chọn cơ quan, đơn vị —")
    official_named = TextField(label="Họ tên hoặc chức danh cán bộ", max_length=200, required=False)
    dossier_reference = TextField(label="Số biên nhận hồ sơ", max_length=60, required=False)
    description = TextField(label="Sự việc (thời gian, địa điểm, diễn biến)", max_length=MAX_DESCRIPTION,
                            widget=forms.Textarea(attrs={"rows": 6}), error_messages={
                                **REQUIRED, "too_long": f"Nội dung dài quá {MAX_DESCRIPTION} ký tự; hãy rút gọn."})
    attachment = UploadField(label="Tệp đính kèm (ảnh, văn bản), nếu có", required=False)
    reporter_name = TextField(label="Họ tên người phản ánh (không bắt buộc)", max_length=120, required=False)
    reporter_contact = TextField(label="Điện thoại hoặc thư điện tử (không bắt buộc; chỉ Sở Nội vụ xem)",
                                 max_length=200, required=False)
    # The honeypot: hidden from people (and from the keyboard and autofill); robots fill every field.
    website = TextField(required=False, label="Để trống ô này", widget=forms.TextInput(
        attrs={"tabindex": "-1", "autocomplete": "off"}))
    challenge = TextField(widget=forms.HiddenInput, required=False)
    answer = TextField(label="Kết quả phép tính", max_length=4, error_messages=REQUIRED)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = active_units()
        self.fields["attachment"].error_messages["too_large"] = "Tệp lớn hơn %(mb)s MB; hãy nén hoặc chọn tệp nhỏ hơn."

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("Không gửi được phản ánh. Hãy để trống ô cuối cùng rồi gửi lại.")
        return ""

    def clean_answer(self) -> str:
        answer = self.cleaned_data.get("answer", "")
        if not challenge_answered(self.data.get("challenge", ""), answer):
            raise forms.ValidationError("Kết quả phép tính chưa đúng; hãy tính lại phép tính mới bên dưới.")
        return answer

    def clean(self) -> dict:
        cleaned = super().clean()
        about = cleaned.get("about")
        needed = {ReportAbout.UNIT: ("unit", "Hãy chọn cơ quan, đơn vị bị phản ánh."),
                  ReportAbout.OFFICIAL: ("official_named", "Hãy ghi họ tên hoặc chức danh của cán bộ."),
                  ReportAbout.DOSSIER: ("dossier_reference", "Hãy ghi số biên nhận hồ sơ.")}.get(about)
        if needed and not cleaned.get(needed[0]):
            self.add_error(needed[0], needed[1])
        return cleaned

    def report_fields(self) -> dict:
        keep = ("kind", "about", "unit", "official_named", "dossier_reference", "description",
                "attachment", "reporter_name", "reporter_contact")
        return {name: self.cleaned_data[name] for name in keep if self.cleaned_data.get(name) not in (None, "")}


class LookupForm(forms.Form):
    ma = TextField(label="Mã tra cứu", max_length=20, error_messages=REQUIRED)


class AssignForm(forms.Form):
    unit = UnitChoiceField(label="Đơn vị xử lý", queryset=None)
    days = forms.IntegerField(label="Thời hạn (ngày làm việc)", min_value=1, max_value=60)
    note = TextField(label="Ghi chú", required=False, max_length=1000)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = active_units()


class AnswerForm(forms.Form):
    answer = TextField(label="Kết quả xử lý của đơn vị", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)


class CloseForm(forms.Form):
    public_answer = TextField(label="Trả lời người phản ánh (công khai theo mã tra cứu)",
                              widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
