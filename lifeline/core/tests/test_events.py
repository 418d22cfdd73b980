"""Domain events: subscribers run in order inside the publisher's transaction, never outside one;
the one list of reactions names real events and handlers; no reaction rides a model signal."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import FrozenInstanceError, dataclass, fields
from pathlib import Path

import pytest
from django.db import transaction

import lifeline
from lifeline import reactions
from lifeline.core import events
from lifeline.core.events import DomainEvent, PublishedOutsideTransaction, publish, publish_all


@dataclass(frozen=True)
class Happened(DomainEvent):
    what: str


def _install(monkeypatch: pytest.MonkeyPatch, *handlers: events.Handler) -> None:
    monkeypatch.setattr(events, "subscribers", lambda event_type: handlers)


@pytest.mark.django_db
def test_subscribers_run_in_the_listed_order_inside_the_transaction(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[tuple[str, str, bool]] = []

    def first(event: Happened) -> None:
        seen.append(("first", event.what, transaction.get_connection().in_atomic_block))

    def second(event: Happened) -> None:
        seen.append(("second", event.what, transaction.get_connection().in_atomic_block))

    _install(monkeypatch, first, second)
    with transaction.atomic():
        publish(Happened(what="filed"))
    assert seen == [("first", "filed", True), ("second", "filed", True)]


@pytest.mark.django_db(transaction=True)
def test_publishing_outside_a_transaction_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[DomainEvent] = []
    _install(monkeypatch, ran.append)
    with pytest.raises(PublishedOutsideTransaction, match="Happened was published outside"):
        publish(Happened(what="filed"))
    with pytest.raises(PublishedOutsideTransaction):
        publish_all([Happened(what="filed")])
    assert ran == []


@pytest.mark.django_db
def test_a_bulk_publish_takes_the_batched_path_where_a_subscriber_has_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[str, int]] = []

    def many(batch: Sequence[Happened]) -> None:
        calls.append(("many", len(batch)))

    @events.batched(many)
    def batched_one(event: Happened) -> None:
        calls.append(("one", 1))

    def plain(event: Happened) -> None:
        calls.append(("plain", 1))

    _install(monkeypatch, batched_one, plain)
    with transaction.atomic():
        publish_all([Happened(what="a"), Happened(what="b")])
        publish(Happened(what="c"))
    assert calls == [("many", 2), ("plain", 1), ("plain", 1), ("one", 1), ("plain", 1)]


def test_a_bulk_publish_takes_events_of_one_type() -> None:
    @dataclass(frozen=True)
    class Other(DomainEvent):
        pass

    with pytest.raises(TypeError, match="one type"):
        publish_all([Happened(what="a"), Other()])


def test_events_are_frozen() -> None:
    with pytest.raises(FrozenInstanceError):
        Happened(what="a").what = "b"  # type: ignore[misc]


@pytest.mark.parametrize("event_type", list(reactions.REACTIONS), ids=lambda t: t.__name__)
def test_each_listed_event_is_a_frozen_dataclass_of_ids_and_values(
    event_type: type[DomainEvent],
) -> None:
    assert issubclass(event_type, DomainEvent)
    assert event_type.__dataclass_params__.frozen  # type: ignore[attr-defined]
    app = event_type.__module__.rsplit(".", 1)[0]
    assert event_type.__module__ == f"{app}.events"
    assert all(f.type in ("int", "str", "list[int]") for f in fields(event_type))


@pytest.mark.parametrize(
    "handler",
    [handler for handlers in reactions.REACTIONS.values() for handler in handlers],
    ids=lambda h: f"{h.__module__}.{h.__name__}",
)
def test_each_subscriber_lives_in_its_apps_reactions_module_and_says_what_it_does(
    handler: events.Handler,
) -> None:
    assert re.fullmatch(r"lifeline\.[a-z_]+\.reactions", handler.__module__)
    assert handler.__doc__


def test_the_installed_list_is_the_one_in_lifeline_reactions() -> None:
    for event_type, handlers in reactions.REACTIONS.items():
        assert events.subscribers(event_type) == handlers


_MODEL_SIGNAL = re.compile(
    r"\b(post_save|pre_save|post_delete|pre_delete|m2m_changed)\b|@receiver\b|\bSignal\(\)"
)


def test_no_domain_reaction_rides_a_model_signal() -> None:
    root = Path(lifeline.__file__).parent
    offenders = [
        f"{path.relative_to(root)}:{number}: {line.strip()}"
        for path in root.rglob("*.py")
        if "tests" not in path.relative_to(root).parts and "migrations" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if _MODEL_SIGNAL.search(line)
    ]
    assert offenders == [], "publish a domain event instead (lifeline/reactions.py)"
