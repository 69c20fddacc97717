from django.core import mail

from congvu.org.notify import notify, subject_line


def test_a_title_with_line_breaks_makes_a_one_line_subject():
    assert subject_line("Xin ý kiến về\r\nđề án\tmới") == "[congvu] Xin ý kiến về đề án mới"


def test_a_notification_about_a_multi_line_title_is_mailed(province, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_HOST = "smtp.example.invalid"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    head = province.construction_head
    head.email = "giamdoc@example.gov.vn"
    with django_capture_on_commit_callbacks(execute=True):
        notify([head], "Công việc\nmới: cấp phép")
    assert [m.subject for m in mail.outbox] == ["[congvu] Công việc mới: cấp phép"]
