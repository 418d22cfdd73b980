"""When each program accepted which kind of request, read from its policy versions."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, replace

from lifeline.programs.policy import ProgramVersionPolicy
from lifeline.programs.registry import Registry


@dataclass(frozen=True)
class Window:
    """Days (both ends included) on which `program` accepted `kind` under one version."""

    program: str
    kind: str
    version: str
    from_on: dt.date
    until_on: dt.date


def _version_end(
    version: ProgramVersionPolicy, following: ProgramVersionPolicy | None, last_filing_on: dt.date
) -> dt.date:
    end = version.effective_until or (
        following.effective_from - dt.timedelta(days=1) if following else last_filing_on
    )
    return min(end, last_filing_on)


def version_windows(
    versions: Sequence[ProgramVersionPolicy], *, last_filing_on: dt.date
) -> list[Window]:
    """Open stretches of every version (oldest first), cut at `last_filing_on`."""
    windows: list[Window] = []
    for index, version in enumerate(versions):
        following = versions[index + 1] if index + 1 < len(versions) else None
        start, end = version.effective_from, _version_end(version, following, last_filing_on)
        if end < start:
            continue
        for kind in version.request_kinds:
            changes = sorted(
                {start} | {c.starts_on for c in version.intake if start < c.starts_on <= end}
            )
            for position, from_on in enumerate(changes):
                until_on = (
                    changes[position + 1] - dt.timedelta(days=1)
                    if position + 1 < len(changes)
                    else end
                )
                if version.intake_on(from_on, kind).status != "open":
                    continue
                previous = windows[-1] if windows else None
                if (
                    previous
                    and previous.kind == kind
                    and previous.version == version.version
                    and previous.until_on + dt.timedelta(days=1) == from_on
                ):
                    windows[-1] = Window(
                        version.program, kind, version.version, previous.from_on, until_on
                    )
                else:
                    windows.append(
                        Window(version.program, kind, version.version, from_on, until_on)
                    )
    return windows


def program_windows(
    registry: Registry, *, last_filing_on: dt.date, first_filing_on: dt.date | None = None
) -> dict[str, list[Window]]:
    """Every program's open windows, cut to start no earlier than `first_filing_on` when given;
    programs not open in between are left out."""
    found = {
        program: version_windows(registry.versions(program), last_filing_on=last_filing_on)
        for program in registry.programs()
    }
    if first_filing_on is not None:
        found = {
            program: [
                replace(window, from_on=max(window.from_on, first_filing_on))
                for window in windows
                if window.until_on >= first_filing_on
            ]
            for program, windows in found.items()
        }
    return {program: windows for program, windows in found.items() if windows}


def draw_day(
    rng: random.Random, windows: Sequence[Window], kind: str, *, not_before: dt.date | None = None
) -> tuple[dt.date, Window] | None:
    """A filing day inside an open window for `kind`, weighted by days; None when none is left."""
    options = []
    for window in windows:
        if window.kind != kind:
            continue
        start = max(window.from_on, not_before) if not_before else window.from_on
        if start <= window.until_on:
            options.append((start, window))
    if not options:
        return None
    weights = [(window.until_on - start).days + 1 for start, window in options]
    start, window = rng.choices(options, weights=weights)[0]
    return start + dt.timedelta(days=rng.randint(0, (window.until_on - start).days)), window
