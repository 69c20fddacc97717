"""`congvu.lib.fastsql` writes exactly what the ORM writes: every model it writes, with every field
set to a value that tests a conversion (local-time moments with microseconds, Vietnamese text, JSON,
NULLs, files), is written once through the ORM and once through fastsql, and both rows read back
identical. Runs on SQLite and on PostgreSQL (the suite's two passes).

(It lives with `consult`, the highest layer whose models fastsql writes, so it imports nothing
from above: lib → org → registry → work → consult.)"""

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db import DatabaseError, connection, models

from congvu.consult.models import Consultation, ConsultationRequest, Notice, RequestState, Responsibility
from congvu.lib import fastsql
from congvu.lib.folding import fold
from congvu.lib.workdays import TZ
from congvu.org.models import Notification, Official
from congvu.registry.models import CalendarDay, CalendarDayKind
from congvu.work.models import (
    Event,
    ExtensionRequest,
    IncomingDocument,
    NumberSeries,
    Origin,
    Outcome,
    State,
    Step,
    StepKind,
    WorkItem,
)

# A local moment with microseconds: the time zone and the precision must both survive the trip.
AT = datetime(2026, 3, 3, 14, 25, 36, 123456, tzinfo=TZ)
DAY = date(2026, 3, 3)
TEXT = "Hồ sơ “đặc biệt” — Công ty Sông Đà, số 01/2026/CV; ký tự ạ ỹ đ"
HASH = "0123456789abcdef" * 4


class Targets:
    """Rows the samples point at, made with the ORM."""

    def __init__(self, p) -> None:
        self.p = p
        self.document = IncomingDocument.objects.create(**{**_document(p, number=1), "original": ""})
        self.item = WorkItem.objects.create(**_item(p, self.document, None))
        self.consultation = Consultation.objects.create(**_consultation(self.item, p, ContentFile(b"x", "a.txt")))
        self.request = ConsultationRequest.objects.create(
            consultation=self.consultation, item=self.item, unit=p.finance, holder=p.finance_head, due_at=AT,
        )


def _document(p, number: int = 7) -> dict[str, Any]:
    return dict(
        unit=p.construction, year=2026, incoming_number=number, sender=TEXT, notation="15/2026/CV-UBND",
        issued_on=DAY - timedelta(days=2), doc_type="Tờ trình", subject=TEXT, received_on=DAY, reply_due=DAY,
        priority="urgent", original=ContentFile(b"%PDF-1.4 original", name="goc.pdf"),
        registered_by=p.construction_clerk, search_text="",  # computed on save (congvu/lib/folding.py)
        revoked_on=DAY, revocation_reason=TEXT,
    )


def _item(p, document, transferred_from) -> dict[str, Any]:
    return dict(
        title=TEXT, matter_type=p.building_permit, origin=Origin.REQUEST, incoming=document,
        requester_unit=p.commune, registered_unit=p.construction, lead_unit=p.construction, state=State.CONSULTING,
        event_date=DAY, due_at=AT, due_date=DAY, calendar_version="2026.1", holder_unit=p.construction,
        legal_due_at=AT - timedelta(days=2), legal_due_date=DAY - timedelta(days=2),
        holder=p.construction_officer, transferred_from=transferred_from, created_at=AT,
        undecided_twice_from=AT - timedelta(days=4),
        completed_at=AT + timedelta(days=3), result=TEXT, remaining_differences="Sở Tài chính: còn khác",
        delay_cause="waiting", delay_note=TEXT,
        event_count=7, last_hash=HASH, sealed_count=5, search_text="",  # computed on save
    )


def _consultation(item, p, attachment) -> dict[str, Any]:
    return dict(
        item=item, asking_unit=p.construction, asked_by=p.construction_officer, question=TEXT,
        attachment=attachment, shares_original=True, reply_days=5, asked_at=AT, due_at=AT + timedelta(days=7),
        due_date=DAY + timedelta(days=7), calendar_version="2026.1", proposal=TEXT, letter_notation="07/SXD",
        letter_date=DAY,
    )


SAMPLES: dict[type[models.Model], Callable[[Targets], dict[str, Any]]] = {
    IncomingDocument: lambda t: _document(t.p),
    WorkItem: lambda t: _item(t.p, t.document, t.item),
    Step: lambda t: dict(item=t.item, kind=StepKind.HANDLE, holder_unit=t.p.construction,
                         holder=t.p.construction_officer, started_at=AT, due_at=AT + timedelta(days=1), ended_at=AT),
    Event: lambda t: dict(
        item=t.item, seq=3, kind="consult", outcome=Outcome.OVERRIDE, rule_code="R-2.1-FOREIGN-COMPETENCE",
        actor=t.p.construction_head, unit=t.p.construction, at=AT, prev_hash=HASH, hash=HASH[::-1],
        data={"reason": TEXT, "units": [1, 2], "due": "10/03/2026", "late": False, "none": None, "ratio": 0.5},
    ),
    Consultation: lambda t: _consultation(t.item, t.p, ContentFile(b"PK attachment", name="tai-lieu.docx")),
    ConsultationRequest: lambda t: dict(
        consultation=t.consultation, item=t.item, unit=t.p.transport, holder=t.p.transport_head,
        state=RequestState.ANSWERED, due_at=AT, position="disagree", reasons=TEXT, replied_at=AT,
        replied_by=t.p.transport_head, late=True, deemed_at=AT, reminded_at=AT - timedelta(days=1),
        sent_back_at=AT, sent_back_by=t.p.transport_head, send_back_grounds="not_related", send_back_reason=TEXT,
        send_back_upheld=False, send_back_charged_to=t.p.transport,
    ),
    Notice: lambda t: dict(
        request=t.request, unit=t.p.construction, year=2026, number=12, issued_on=DAY, signer=t.p.construction_head,
        drafted_at=AT - timedelta(days=2), signed_at=AT, reminded_on=DAY - timedelta(days=1),
        content={"subject": TEXT, "number": "12/TB-SXD"}, file=ContentFile(b"PK notice", name="thong-bao.docx"),
    ),
    Responsibility: lambda t: dict(request=t.request, unit=t.p.finance, head=t.p.finance_head,
                                   holder=t.p.finance_officer, rule_code="R-2.2-DEEMED-AGREEMENT", recorded_at=AT),
    Notification: lambda t: dict(official=t.p.construction_head, text=TEXT, url="/cong-viec/1/", created_at=AT,
                                 read_at=AT + timedelta(hours=1)),
    NumberSeries: lambda t: dict(unit=t.p.finance, year=2026, series="TB", last=41),
    ExtensionRequest: lambda t: dict(
        item=t.item, unit=t.p.construction, requested_by=t.p.construction_head, requested_at=AT, new_due=DAY,
        reason=TEXT, approver="province_office", status="approved", decided_by=t.p.office_head,
        decided_at=AT + timedelta(hours=2), decision_reason=TEXT,
    ),
}
MODELS = list(SAMPLES)


@pytest.fixture
def targets(province) -> Targets:
    return Targets(province)


def columns(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if not f.primary_key]


def read(obj: models.Model) -> dict[str, Any]:
    """Every column but the primary key, as the ORM's instance holds it (a file by its name)."""
    values = {f.attname: getattr(obj, f.attname) for f in columns(type(obj))}
    return {k: v.name if isinstance(v, models.fields.files.FieldFile) else v for k, v in values.items()}


def stored(model: type[models.Model], pk: int) -> dict[str, Any]:
    return read(model.objects.get(pk=pk))


def forget(model: type[models.Model], pk: int) -> None:
    """Delete the row and its files, so that the next write may store the very same values."""
    row = model.objects.get(pk=pk)
    for field in columns(model):
        if isinstance(field, models.FileField) and getattr(row, field.attname):
            getattr(row, field.attname).delete(save=False)
    row.delete()


def test_every_sample_sets_every_column(targets):
    """A field added to a model fastsql writes must be added here, or it would go untested."""
    for model, sample in SAMPLES.items():
        assert set(sample(targets)) == {f.name for f in columns(model)}, model


def insert_one(obj: models.Model) -> int:
    return fastsql.insert(obj).pk


def insert_many_one(obj: models.Model) -> int:
    fastsql.insert_many([obj])
    return type(obj).objects.order_by("-pk").values_list("pk", flat=True).first()


@pytest.mark.parametrize("write", [insert_one, insert_many_one], ids=["insert", "insert_many"])
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_a_row_inserted_by_fastsql_reads_back_as_the_orms(model, write, targets):
    orm = model.objects.create(**SAMPLES[model](targets))
    expected = stored(model, orm.pk)
    forget(model, orm.pk)
    pk = write(model(**SAMPLES[model](targets)))
    assert stored(model, pk) == expected
    assert read(fastsql.get(model, pk)) == expected


def changed(model: type[models.Model], values: dict[str, Any]) -> dict[str, Any]:
    """Other values of the same types for every column: nullable ones become NULL, the rest change
    (foreign keys stay: their rows are the targets')."""
    result = {}
    for field in columns(model):
        value = values[field.name]
        if field.null and not field.is_relation:
            result[field.name] = None
        elif isinstance(field, models.FileField):
            result[field.name] = ContentFile(b"another", name=f"khac-{field.name}.bin")
        elif isinstance(field, models.BooleanField):
            result[field.name] = not value
        elif isinstance(field, models.JSONField):
            result[field.name] = {"before": value, "đổi": [1, None]}
        elif isinstance(value, str):
            result[field.name] = value[::-1]  # same length: within every max_length
        elif isinstance(value, datetime | date):
            result[field.name] = value + timedelta(days=1, microseconds=1 if isinstance(value, datetime) else 0)
        elif isinstance(value, int) and not field.is_relation:
            result[field.name] = value + 1
        else:
            result[field.name] = value
    return result


def save_with_orm(obj: models.Model, fields: list[str]) -> None:
    obj.save(update_fields=fields)


def update_one(obj: models.Model, fields: list[str]) -> None:
    fastsql.update(obj, fields)


def update_many_one(obj: models.Model, fields: list[str]) -> None:
    fastsql.update_many([obj], fields)


def update_after_a_row(obj: models.Model, fields: list[str]) -> None:
    """`insert_row_and_update`'s update (one statement with the insert on PostgreSQL)."""
    official_id = Official.objects.values_list("pk", flat=True).first()
    fastsql.insert_row_and_update(Notification, ("official_id", "text", "url", "created_at", "read_at"),
                                  (official_id, TEXT, "/viec/1/", AT, None), obj, fields)


@pytest.mark.parametrize("write", [update_one, update_many_one, update_after_a_row],
                         ids=["update", "update_many", "insert_row_and_update"])
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_a_row_updated_by_fastsql_reads_back_as_the_orms(model, write, targets):
    original = SAMPLES[model](targets)
    names = [f.name for f in columns(model)]
    row = model.objects.create(**original)
    for name, value in changed(model, original).items():
        setattr(row, name, value)
    save_with_orm(row, names)
    expected = stored(model, row.pk)
    forget(model, row.pk)
    row = model.objects.create(**SAMPLES[model](targets))
    for name, value in changed(model, original).items():
        setattr(row, name, value)
    write(row, names)
    assert stored(model, row.pk) == expected


def test_values_inserted_as_columns_read_back_as_the_orms(targets):
    """`insert_values` (the sweep's notifications, the list benchmark's items): the listed columns
    as given, every other column its field's default, as `create` leaves them."""
    given = {"official": targets.p.construction_head, "text": TEXT, "url": "/x/", "created_at": AT}
    orm = Notification.objects.create(**given)
    expected = stored(Notification, orm.pk)
    forget(Notification, orm.pk)
    fields = [Notification._meta.get_field(name) for name in given]
    fastsql.insert_values(Notification, tuple(f.attname for f in fields), [
        tuple(f.get_db_prep_save(getattr(orm, f.attname), connection) for f in fields)
    ])
    assert stored(Notification, Notification.objects.get().pk) == expected


def test_values_inserted_with_their_ids_fill_the_other_columns_with_defaults(targets):
    item = {"title": TEXT, "matter_type": targets.p.building_permit, "registered_unit": targets.p.construction,
            "lead_unit": targets.p.construction, "holder_unit": targets.p.construction,
            "holder": targets.p.construction_officer, "event_date": DAY, "due_at": AT, "due_date": DAY,
            "legal_due_at": AT, "legal_due_date": DAY,
            "calendar_version": "2026.1", "created_at": AT, "search_text": fold(TEXT)}
    orm = WorkItem.objects.create(**item)
    expected = stored(WorkItem, orm.pk)
    forget(WorkItem, orm.pk)
    fields = [WorkItem._meta.get_field(name) for name in item]
    fastsql.insert_values(WorkItem, ("id", *(f.attname for f in fields)), [
        (orm.pk, *(f.get_db_prep_save(getattr(orm, f.attname), connection) for f in fields))
    ])
    assert stored(WorkItem, orm.pk) == expected


@pytest.mark.parametrize("model", [Event, Step, Notification, ConsultationRequest, Responsibility],
                         ids=lambda m: m.__name__)
def test_a_row_inserted_from_its_values_reads_back_as_the_orms(model, targets):
    """`insert_rows` (every action's event and step, the notifications): plain values, no instance."""
    orm = model.objects.create(**SAMPLES[model](targets))
    expected = stored(model, orm.pk)
    forget(model, orm.pk)
    fields = columns(model)
    fastsql.insert_rows(model, tuple(f.attname for f in fields), [tuple(getattr(orm, f.attname) for f in fields)])
    assert stored(model, model.objects.order_by("-pk").values_list("pk", flat=True).first()) == expected


@pytest.mark.parametrize("model", [Event, Step, Notification, ConsultationRequest, Responsibility],
                         ids=lambda m: m.__name__)
def test_a_row_inserted_with_an_update_reads_back_as_the_orms(model, targets):
    """`insert_row_and_update` (every action's event with its item's update): the row as `insert_rows`
    writes it, and the item's fields and chain head saved in the same call."""
    orm = model.objects.create(**SAMPLES[model](targets))
    expected = stored(model, orm.pk)
    forget(model, orm.pk)
    fields = columns(model)
    item = targets.item
    item.title, item.event_count = "Đã đổi trong cùng câu lệnh", item.event_count + 7
    row = tuple(getattr(orm, f.attname) for f in fields)
    fastsql.insert_row_and_update(model, tuple(f.attname for f in fields), row, item, ["title", "event_count"])
    assert stored(model, model.objects.order_by("-pk").values_list("pk", flat=True).first()) == expected
    assert WorkItem.objects.values_list("title", "event_count").get(pk=item.pk) == (item.title, item.event_count)


def test_an_update_with_a_row_that_matches_no_row_raises(targets):
    gone = WorkItem.objects.create(**_item(targets.p, targets.document, None))
    WorkItem.objects.filter(pk=gone.pk).delete()
    with pytest.raises(DatabaseError):
        fastsql.insert_row_and_update(Notification, ("official_id", "text", "url", "created_at"),
                                      (targets.p.construction_head.pk, TEXT, "/", AT), gone, ["state"])


def test_statements_are_seen_by_whoever_observes_the_connection(targets):
    """Off the observed path fastsql runs on the driver's cursor; a test counting queries, or DEBUG's
    log, still sees every statement it runs."""
    seen = []

    def observe(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(observe):
        fastsql.get(WorkItem, targets.item.pk)
        fastsql.exists(ConsultationRequest, item_id=targets.item.pk)
    assert len(seen) == 2 and seen[0].startswith("SELECT") and "work_workitem" in seen[0]


def test_values_a_field_would_compute_on_save_are_refused_not_written_raw(targets):
    """A file, a folded search text or an auto_now time is made by the field's `pre_save`, which
    `insert_rows` does not run: such a column is refused rather than written wrong."""
    with pytest.raises(TypeError, match="search_text"):
        fastsql.insert_rows(WorkItem, ("title", "search_text"), [(TEXT, "")])


def test_a_row_read_through_a_foreign_key_is_the_row_it_points_to(targets):
    """`get_through`: the item of a consultation request, in one statement, as `get` reads it."""
    through = fastsql.get_through(WorkItem, ConsultationRequest, targets.request.pk, "item_id", for_update=True)
    assert read(through) == read(fastsql.get(WorkItem, targets.item.pk))
    with pytest.raises(WorkItem.DoesNotExist):
        fastsql.get_through(WorkItem, ConsultationRequest, targets.request.pk + 1000, "item_id")


def test_the_cooperating_units_link_inserted_as_values_reads_back_as_the_orms(targets):
    link = WorkItem.cooperating_units.through
    fastsql.insert_values(link, ("workitem_id", "unit_id"), [(targets.item.pk, targets.p.finance.pk)])
    assert list(targets.item.cooperating_units.all()) == [targets.p.finance]


def test_an_increment_adds_to_the_one_matching_row_and_returns_the_new_value(targets):
    p = targets.p
    series = NumberSeries.objects.create(unit=p.finance, year=2026, series="den", last=41)
    NumberSeries.objects.create(unit=p.finance, year=2025, series="den", last=9)
    assert fastsql.increment(NumberSeries, "last", 3, unit_id=p.finance.pk, year=2026, series="den") == 44
    assert list(NumberSeries.objects.order_by("year").values_list("last", flat=True)) == [9, 44]
    series.refresh_from_db()
    assert series.last == 44


def test_an_increment_of_no_row_answers_none(targets):
    assert fastsql.increment(NumberSeries, "last", 1, unit_id=targets.p.finance.pk, year=2026, series="x") is None


def test_update_where_writes_what_a_queryset_update_writes(targets):
    def open_step() -> Step:
        return Step.objects.create(**{**SAMPLES[Step](targets), "ended_at": None})

    step = open_step()
    assert Step.objects.filter(item=targets.item, ended_at=None).update(ended_at=AT) == 1
    expected = stored(Step, step.pk)
    forget(Step, step.pk)
    step = open_step()
    assert fastsql.update_where(Step, {"ended_at": AT}, item_id=targets.item.pk, ended_at=None) == 1
    assert stored(Step, step.pk) == expected
    assert fastsql.update_where(Step, {"ended_at": AT}, item_id=targets.item.pk, ended_at=None) == 0


def test_an_update_runs_each_fields_pre_save_like_the_orm(db):
    """auto_now takes the time on `fastsql.update` as on `save(update_fields=…)`."""
    day = CalendarDay.objects.create(day=DAY, kind=CalendarDayKind.DAY_OFF, name="Nghỉ", source="CV 1")
    CalendarDay.objects.filter(pk=day.pk).update(updated_at=AT - timedelta(days=400))
    day.refresh_from_db()
    day.name = "Nghỉ bù"
    fastsql.update(day, ["name", "updated_at"])
    assert day.updated_at > AT - timedelta(days=400)
    assert CalendarDay.objects.get(pk=day.pk).updated_at == day.updated_at


def test_an_update_that_matches_no_row_raises_instead_of_losing_the_change(targets):
    item = targets.item
    gone = WorkItem.objects.create(**_item(targets.p, targets.document, None))
    WorkItem.objects.filter(pk=gone.pk).delete()
    gone.state = State.COMPLETED
    with pytest.raises(DatabaseError):
        fastsql.update(gone, ["state"])
    with pytest.raises(DatabaseError):
        fastsql.update_many([item, gone], ["state"])


def test_exists_answers_as_a_querysets_exists(targets):
    item, unit = targets.item, targets.p.finance
    for state in (RequestState.PENDING, RequestState.ANSWERED, "nothing"):
        for where in ({"item_id": item.pk, "state": state}, {"unit_id": unit.pk, "deemed_at": None}):
            expected = ConsultationRequest.objects.filter(**where).exists()
            assert fastsql.exists(ConsultationRequest, **where) is expected
    assert fastsql.exists(ConsultationRequest, item_id=item.pk) is True
    assert fastsql.exists(ConsultationRequest, item_id=item.pk + 1000) is False


def test_rows_given_some_columns_get_the_others_defaults_each_time(targets):
    """A consultation's requests as `ask` writes them (five columns, the other ten their defaults,
    prepared once and reused): each row as `create` with the same five values leaves it."""
    given = {"consultation": targets.consultation, "item": targets.item, "unit": targets.p.transport,
             "holder": targets.p.transport_head, "due_at": AT}
    names = tuple(ConsultationRequest._meta.get_field(name).attname for name in given)
    orm = ConsultationRequest.objects.create(**given)
    expected = stored(ConsultationRequest, orm.pk)
    forget(ConsultationRequest, orm.pk)
    row = tuple(getattr(orm, name) for name in names)
    for _ in range(2):  # the second row from the defaults kept by the first
        fastsql.insert_rows(ConsultationRequest, names, [row])
        written = ConsultationRequest.objects.order_by("-pk").first()
        assert stored(ConsultationRequest, written.pk) == expected
        forget(ConsultationRequest, written.pk)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's text dates and times")
@pytest.mark.parametrize("model", [WorkItem, ConsultationRequest], ids=lambda m: m.__name__)
def test_dates_and_times_read_back_as_the_backends_converters_read_them(model, db):
    """fastsql's own readers of SQLite's dates and times (`_sqlite_date`, `_sqlite_datetime`) give what
    the backend's converters give: for the values the driver hands over (already parsed, naive) and
    for texts, aware values and None, which go to the converters themselves."""
    texts = {models.DateTimeField: ["2026-03-02 01:00:00", "2026-03-02 01:00:00.123456", "2026-03-02T01:00:00+07:00",
                                    "2026-03-02 1:00:00", None, datetime(2026, 3, 2, 1, 0, 0, 7), AT],
             models.DateField: ["2026-03-02", "2026-3-2", None, date(2026, 3, 2)]}
    fields = [f for f in model._meta.concrete_fields if type(f) in texts]
    converters = dict(zip(model._meta.concrete_fields, fastsql._converters(model, connection.vendor), strict=True))
    for field in fields:
        expression = field.get_col(model._meta.db_table)
        backend = connection.ops.get_db_converters(expression)
        for text in texts[type(field)]:
            expected = text
            for fn in backend:
                expected = fn(expected, expression, connection)
            assert converters[field](text, connection) == expected
            assert type(converters[field](text, connection)) is type(expected)
