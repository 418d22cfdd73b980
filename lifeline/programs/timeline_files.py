"""The shipped policy timeline (the latest `pathways/timeline-*.yaml`), cached until a newer
file appears, and the check that each program version's termination names one of its events."""

from __future__ import annotations

import threading
from pathlib import Path

from lifeline.programs.errors import PolicyFileInvalid
from lifeline.programs.policy import ProgramVersionPolicy
from lifeline.programs.policy_folders import PATHWAYS_FOLDER
from lifeline.programs.timeline import Timeline, TimelineFile
from lifeline.programs.yaml_source import parse_policy_text


def read_timeline_text(text: str, *, name: str = "the submitted timeline") -> TimelineFile:
    """A timeline file's text, validated as the loader validates the shipped one."""
    return parse_policy_text(text, name, TimelineFile)


def timeline_path(root: Path) -> Path | None:
    """The latest timeline file under the policy folder `root`, if there is one."""
    paths = sorted((root / PATHWAYS_FOLDER).glob("timeline-*.yaml"))
    return paths[-1] if paths else None


def load_timeline(root: Path) -> Timeline:
    path = timeline_path(root)
    if path is None:
        raise PolicyFileInvalid(f"{root / PATHWAYS_FOLDER} has no timeline-*.yaml file")
    return Timeline(read_timeline_text(path.read_text(encoding="utf-8"), name=path.name))


def newest_timeline_name(root: Path) -> str:
    """The name of the timeline file in force: each publish writes a newer one."""
    path = timeline_path(root)
    return path.name if path else ""


_lock = threading.Lock()
_cached: dict[tuple[Path, str], Timeline] = {}


def get_timeline() -> Timeline:
    """The timeline of the configured policy folder, read again when a newer file appears (a
    publish in another process), so every web and task worker cuts terms under the one in force."""
    from django.conf import settings  # here, not at the top: the offline check runs without it

    root = Path(settings.LIFELINE_POLICY_DIR)
    key = (root, newest_timeline_name(root))
    with _lock:
        if key not in _cached:
            _cached.clear()
            _cached[key] = load_timeline(root)
        return _cached[key]


def reset_timeline() -> None:
    """Forget the cached timeline (after a new one is published, or between tests)."""
    with _lock:
        _cached.clear()


def termination_reference_problems(
    versions: list[ProgramVersionPolicy], timeline: Timeline
) -> list[str]:
    """A program version's termination must name a termination of that program on the
    timeline, announced on the day its intake was terminated."""
    problems = []
    for version in versions:
        if version.termination is None:
            continue
        event = timeline.by_id.get(version.termination.event)
        where = f"{version.program} {version.version}: termination.event"
        if event is None or event.effect != "terminate":
            problems.append(f"{where} {version.termination.event!r} is no termination event")
        elif event.subject != f"parole:{version.program}":
            problems.append(f"{where} {event.id!r} terminates {event.subject}")
        elif event.announced_or_effective not in {
            change.starts_on for change in version.intake if change.status == "terminated"
        }:
            problems.append(f"{where} {event.id!r} is announced on no terminated intake date")
    return problems


# Deadlines fixed in advance by a statute or agency page, whose announcement date was not read.
DATED_IN_ADVANCE = frozenset({"close", "note"})


def unannounced_events(timeline: Timeline) -> list[str]:
    """The events that state no `announced_on` (their notice's publication, the order's date):
    an answer as of a date could not tell whether they were known then."""
    return [
        f"{event.id}: announced_on is needed (the date its notice was published or its order made)"
        for event in timeline.file.events
        if event.announced_on is None and event.effect not in DATED_IN_ADVANCE
    ]
