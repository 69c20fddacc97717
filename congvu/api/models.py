"""API tokens: how another system (the province's e-office software, the national document axis)
acts as a named official. Only the SHA-256 of a token is stored; the token itself is shown once,
when it is issued (`congvu apitoken <username>`), and can only be revoked, never read back."""

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
    last_used_at = models.DateTimeField("dùng lần cuối", null=True, blank=True)
    revoked_at = models.DateTimeField("ngày thu hồi", null=True, blank=True)

    class Meta:
        verbose_name = "token API"
        verbose_name_plural = "token API"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["official"], condition=Q(revoked_at__isnull=True), name="api_live_tokens")]

    def __str__(self) -> str:
        return f"{self.prefix}… — {self.name} ({self.official})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
