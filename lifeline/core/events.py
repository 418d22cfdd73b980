"""Typed domain events: a writer publishes one inside its transaction; subscribers run in order."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.db import transaction

# The module that lists who reacts to which event; imported by name at app start, so the
# layers below it never import it.
REACTIONS_MODULE = "lifeline.reactions"

Handler = Callable[[Any], None]
Reactions = Mapping[type["DomainEvent"], tuple[Handler, ...]]

_installed: dict[type[DomainEvent], tuple[Handler, ...]] | None = None


@dataclass(frozen=True)
class DomainEvent:
    """Something that happened in one app that other apps may react to (ids and values only)."""


class PublishedOutsideTransaction(RuntimeError):
    """A writer published an event with no transaction open: reactions would not roll back."""


def install(reactions: Reactions) -> None:
    """Set the subscribers of every event type (the list in `lifeline.reactions`)."""
    global _installed
    _installed = dict(reactions)


def subscribers(event_type: type[DomainEvent]) -> tuple[Handler, ...]:
    """The handlers of an event type, in the order they run."""
    if _installed is None:
        import_module(REACTIONS_MODULE).install()
    assert _installed is not None
    return _installed.get(event_type, ())


def batched(many: Callable[[Sequence[Any]], None]) -> Callable[[Handler], Handler]:
    """Give a handler a path for many events of its type at once (used by `publish_all`)."""

    def attach(handler: Handler) -> Handler:
        handler.for_many = many  # type: ignore[attr-defined]
        return handler

    return attach


def _require_transaction(event_type: type[DomainEvent]) -> None:
    if not transaction.get_connection().in_atomic_block:
        raise PublishedOutsideTransaction(
            f"{event_type.__name__} was published outside a transaction; publish it from the "
            "atomic write it announces, so its reactions commit or roll back with it."
        )


def publish(event: DomainEvent) -> None:
    """Run the event's subscribers in order, now, inside the publisher's transaction."""
    _require_transaction(type(event))
    for handler in subscribers(type(event)):
        handler(event)


def publish_all(events: Sequence[DomainEvent]) -> None:
    """Publish many events of one type (a bulk write): each subscriber in order takes them all,
    through its batched path if it has one, else one by one."""
    if not events:
        return
    event_type = type(events[0])
    if any(type(event) is not event_type for event in events):
        raise TypeError("publish_all takes events of one type; publish each type in turn.")
    _require_transaction(event_type)
    for handler in subscribers(event_type):
        many = getattr(handler, "for_many", None)
        if many is not None:
            many(events)
        else:
            for event in events:
                handler(event)
