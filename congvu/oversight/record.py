"""Append to, read, seal and verify the record trail of Home Affairs' cases (models_record.py).

Call `record_event` inside the action that changes the case (`congvu.work.actions.action`): the
event commits or rolls back with the change it records. Two actions on one case wait for each other
on the case's head row, so the chain never forks; two cases never wait for each other."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import IntegrityError, connection, models, transaction
from django.db.models import F, QuerySet

from congvu.lib import clock
from congvu.lib.hashchain import GENESIS, link
from congvu.org.models import Official, Unit
from congvu.oversight.models_record import Record, RecordEvent, RecordSeal


def subject_key(subject: models.Model) -> tuple[str, int]:
    if subject.pk is None:
        raise ValueError("a case must be saved before its record trail can name it")
    return subject._meta.label_lower, subject.pk


def record_content(*, subject_type: str, subject_id: int, seq: int, kind: str, actor_id: int | None,
                   unit_id: int | None, at: datetime, data: dict) -> dict[str, Any]:
    return {"subject": subject_type, "id": subject_id, "seq": seq, "kind": kind, "actor": actor_id,
            "unit": unit_id, "at": at.astimezone(UTC).isoformat(), "data": data}


def record_event(subject: models.Model, kind: str, *, actor: Official | None, unit: Unit | None = None,
                 data: dict | None = None) -> RecordEvent:
    """Append one event to `subject`'s chain (opening the chain on its first event)."""
    head = _locked_head(*subject_key(subject))
    at, seq, data = clock.now(), head.event_count + 1, data or {}
    content = record_content(subject_type=head.subject_type, subject_id=head.subject_id, seq=seq, kind=kind,
                             actor_id=actor.pk if actor else None, unit_id=unit.pk if unit else None,
                             at=at, data=data)
    prev = head.last_hash or GENESIS
    digest = link(prev, content)
    event = RecordEvent.objects.create(record=head, seq=seq, kind=kind, actor=actor, unit=unit, at=at, data=data,
                                       prev_hash=prev, hash=digest)
    Record.objects.filter(pk=head.pk).update(event_count=seq, last_hash=digest)
    return event


def _locked_head(subject_type: str, subject_id: int) -> Record:
    head = Record.objects.select_for_update().filter(subject_type=subject_type, subject_id=subject_id).first()
    if head is not None:
        return head
    try:
        with transaction.atomic():  # a savepoint: another action may open the same chain at this moment
            Record.objects.create(subject_type=subject_type, subject_id=subject_id)
    except IntegrityError:
        pass
    return Record.objects.select_for_update().get(subject_type=subject_type, subject_id=subject_id)


def record_events_of(subject: models.Model) -> QuerySet[RecordEvent]:
    subject_type, subject_id = subject_key(subject)
    return (RecordEvent.objects.filter(record__subject_type=subject_type, record__subject_id=subject_id)
            .select_related("actor", "unit").order_by("seq"))


def seal_records() -> RecordSeal | None:
    """Seal the heads of the records that grew since their last seal (see `congvu.work.trail.seal`:
    the same reasoning on counts, locks and one sealer at a time)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {connection.ops.quote_name(RecordSeal._meta.db_table)} IN EXCLUSIVE MODE")
        previous = RecordSeal.objects.order_by("-id").first()
        moved = list(Record.objects.select_for_update(skip_locked=True).filter(event_count__gt=F("sealed_count"))
                     .order_by("id").values_list("id", "event_count", "last_hash"))
        if not moved:
            return None
        heads = {str(pk): [count, digest] for pk, count, digest in moved}
        at, prev_hash = clock.now(), previous.hash if previous else GENESIS
        sealed = RecordSeal.objects.create(at=at, heads=heads, prev_hash=prev_hash,
                                           hash=link(prev_hash, seal_content(at, heads)))
        Record.objects.filter(id__in=[pk for pk, _, _ in moved]).update(sealed_count=F("event_count"))
        return sealed


def seal_content(at: datetime, heads: dict) -> dict[str, Any]:
    return {"at": at.astimezone(UTC).isoformat(), "heads": heads}


@dataclass(frozen=True)
class RecordFinding:
    record: str | None
    problem: str

    def __str__(self) -> str:
        return f"hồ sơ {self.record}: {self.problem}" if self.record else f"niêm phong hồ sơ: {self.problem}"


def verify_records() -> Iterator[RecordFinding]:
    """Every record's chain in order, its head, and the seals: name each record that does not hold."""
    heads = {r.pk: r for r in Record.objects.all()}
    last: dict[int, tuple[int, str]] = {}
    for event in RecordEvent.objects.order_by("record_id", "seq").iterator(chunk_size=2000):
        head = heads.get(event.record_id)
        seq, prev = last.get(event.record_id, (0, GENESIS))
        name = str(head) if head else f"#{event.record_id}"
        if event.seq != seq + 1 or event.prev_hash != prev:
            yield RecordFinding(name, f"sự kiện số {event.seq} không nối với sự kiện trước (bị xóa, chèn hoặc đảo)")
        subject_type, subject_id = (head.subject_type, head.subject_id) if head else ("", 0)
        content = record_content(subject_type=subject_type, subject_id=subject_id,
                                 seq=event.seq, kind=event.kind, actor_id=event.actor_id, unit_id=event.unit_id,
                                 at=event.at, data=event.data)
        if link(event.prev_hash, content) != event.hash:
            yield RecordFinding(name, f"nội dung sự kiện số {event.seq} đã bị sửa")
        last[event.record_id] = (event.seq, event.hash)
    for pk, head in heads.items():
        if (head.event_count, head.last_hash or GENESIS) != last.get(pk, (0, GENESIS)):
            yield RecordFinding(str(head), f"đầu chuỗi ghi {head.event_count} sự kiện nhưng chuỗi có "
                                           f"{last.get(pk, (0, ''))[0]} (sự kiện cuối bị xóa?)")
    yield from _verify_record_seals(last)


def _verify_record_seals(last: dict[int, tuple[int, str]]) -> Iterator[RecordFinding]:
    prev = GENESIS
    hashes = dict(((r, s), h) for r, s, h in RecordEvent.objects.values_list("record_id", "seq", "hash"))
    for seal in RecordSeal.objects.order_by("id"):
        if seal.prev_hash != prev or link(prev, seal_content(seal.at, seal.heads)) != seal.hash:
            yield RecordFinding(None, f"niêm phong #{seal.pk} đã bị sửa hoặc xóa niêm phong trước đó")
        prev = seal.hash
        for pk, (count, digest) in seal.heads.items():
            if hashes.get((int(pk), count)) != digest:
                yield RecordFinding(f"#{pk}", f"sự kiện số {count} đã niêm phong không còn nguyên vẹn")
