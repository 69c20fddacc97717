"""API tokens: how another system (the province's e-office software, the national document axis)
acts as a named official. Only the SHA-256 of a token is stored; the token itself is shown once,
when it is issued (`congvu apitoken <username>`), and can only be revoked, never read back.

A token works only while it is neither revoked nor expired and its official's account is active;
the row keeps who issued and who revoked it, and when."""

from datetime import datetime

from django.db import models
from django.db.models import Q

from congvu.org.models import Official


class ApiToken(models.Model):
    official = models.ForeignKey(Official, models.PROTECT, related_name="api_tokens", verbose_name="cán bộ")
    name = models.CharField("tên (hệ thống sử dụng)", max_length=100)
    key_hash = models.CharField("SHA-256 của token", max_length=64, unique=True, editable=False)
    prefix = models.CharField("phần đầu token", max_length=12, editable=False,
                              help_text="Để nhận ra token; không đủ để dùng")
    created_at = models.DateTimeField("ngày cấp")
    issued_by = models.CharField("người cấp", max_length=150, blank=True,
                                 help_text="Tài khoản quản trị, hoặc người dùng máy chủ chạy lệnh congvu apitoken")
    expires_at = models.DateTimeField("hết hạn")
    last_used_at = models.DateTimeField("dùng lần cuối", null=True, blank=True)
    revoked_at = models.DateTimeField("ngày thu hồi", null=True, blank=True)
    revoked_by = models.CharField("người thu hồi", max_length=150, blank=True)

    class Meta:
        verbose_name = "token API"
        verbose_name_plural = "token API"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["official"], condition=Q(revoked_at__isnull=True), name="api_live_tokens")]

    def __str__(self) -> str:
        return f"{self.prefix}… — {self.name} ({self.official})"

    def is_live_at(self, moment: datetime) -> bool:
        """Neither revoked nor expired at `moment` (the account's own state is checked at sign-in)."""
        return self.revoked_at is None and moment < self.expires_at
