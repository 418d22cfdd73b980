"""Every shipped program version and fee schedule, read from the policy folder once and cached."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import threading
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from lifeline.programs.errors import NoVersionInForce, PolicyFileInvalid, UnknownProgram
from lifeline.programs.fees import FeeCatalog
from lifeline.programs.loader import read_fee_schedule, read_program_version
from lifeline.programs.policy import ProgramVersionPolicy
from lifeline.programs.policy_folders import PATHWAYS_FOLDER
from lifeline.programs.policy_sections import Cap
from lifeline.programs.projection import Tree, merge
from lifeline.programs.routes import routes

FEES_FOLDER = "_fees"
# Policy folders that hold no program versions (pathway options and their timeline).
NON_PROGRAM_FOLDERS = frozenset({FEES_FOLDER, PATHWAYS_FOLDER})


@dataclass(frozen=True)
class CapInForce:
    cap: Cap
    programs: tuple[str, ...]


class Registry:
    """Program versions by program (oldest first) and the shared fee catalog."""

    def __init__(self, versions: Iterable[ProgramVersionPolicy], fees: FeeCatalog) -> None:
        self.fees = fees
        self.fee_usage = fees.usage()
        self._usage: dict[str, Tree] = {}
        self._by_program: dict[str, list[ProgramVersionPolicy]] = {}
        for version in versions:
            self._by_program.setdefault(version.program, []).append(version)
        for program_versions in self._by_program.values():
            program_versions.sort(key=lambda version: version.effective_from)
        self._starts = {
            program: [version.effective_from for version in program_versions]
            for program, program_versions in self._by_program.items()
        }
        check_registry(self)

    def usage_for(self, version: ProgramVersionPolicy) -> Tree:
        """What evaluating under this registry version (fees included) reads from a request."""
        if version.version not in self._usage:
            self._usage[version.version] = merge(self.fee_usage, version.usage)
        return self._usage[version.version]

    def with_version(self, draft: ProgramVersionPolicy) -> Registry:
        """This registry with `draft` added, or replacing the version with its id (checked)."""
        kept = [
            version
            for program in self.programs()
            for version in self._by_program[program]
            if version.version != draft.version
        ]
        return Registry([*kept, draft], self.fees)

    def ends_on(self, version: ProgramVersionPolicy) -> dt.date | None:
        """The last day `version` is in force: its own end, or the day before the next starts."""
        if version.effective_until is not None:
            return version.effective_until
        later = [
            v for v in self.versions(version.program) if v.effective_from > version.effective_from
        ]
        return later[0].effective_from - dt.timedelta(days=1) if later else None

    def programs(self) -> list[str]:
        return sorted(self._by_program)

    def versions(self, program: str) -> list[ProgramVersionPolicy]:
        if program not in self._by_program:
            raise UnknownProgram(
                f"Unknown program {program!r}; known programs: {', '.join(self.programs())}.",
                details={"program": program},
            )
        return list(self._by_program[program])

    def version(self, version_id: str) -> ProgramVersionPolicy | None:
        every = (version for versions in self._by_program.values() for version in versions)
        return next((version for version in every if version.version == version_id), None)

    def version_for_filing(self, program: str, on: dt.date) -> ProgramVersionPolicy:
        """The version in force on `on`; before the first version, the first one (not accepting)."""
        versions = self.versions(program)
        index = bisect.bisect_right(self._starts[program], on) - 1
        return versions[max(index, 0)]

    def version_in_force(self, program: str, on: dt.date) -> ProgramVersionPolicy:
        version = self.version_for_filing(program, on)
        if not version.is_in_window(on):
            raise NoVersionInForce(
                f"No version of {program} was in force on {on}.",
                details={"program": program, "on": on.isoformat()},
            )
        return version

    def caps_in_force(self, on: dt.date) -> dict[str, CapInForce]:
        """Caps by id on a date, with the programs that share each one."""
        caps: dict[str, CapInForce] = {}
        for program in self.programs():
            try:
                version = self.version_in_force(program, on)
            except NoVersionInForce:
                continue
            for cap in version.caps:
                shared = caps.get(cap.id)
                programs = (*shared.programs, program) if shared else (program,)
                caps[cap.id] = CapInForce(cap=cap, programs=programs)
        return caps


def check_registry(registry: Registry) -> None:
    """Refuse overlapping versions, reused version ids and caps that disagree across programs."""
    caps: dict[str, tuple[Cap, str]] = {}
    seen: dict[str, str] = {}
    for program in registry.programs():
        versions = registry.versions(program)
        for before, after in itertools.pairwise(versions):
            if after.effective_from == before.effective_from or (
                before.effective_until is not None
                and before.effective_until >= after.effective_from
            ):
                raise PolicyFileInvalid(
                    f"{after.source_name}: effective dates overlap with {before.version} "
                    f"({before.source_name}); versions of one program must not overlap"
                )
        for version in versions:
            if version.version in seen:
                raise PolicyFileInvalid(
                    f"{version.source_name}: version id {version.version} is also used by "
                    f"{seen[version.version]}"
                )
            seen[version.version] = version.source_name
            for rule in version.rules:
                if rule.route_to is not None and rule.route_to not in routes():
                    raise PolicyFileInvalid(
                        f"{version.source_name}: rule {rule.id!r} routes to {rule.route_to!r}, "
                        f"which policies/routes.yaml does not define; known routes: "
                        f"{', '.join(sorted(routes()))}"
                    )
            for cap in version.caps:
                known = caps.setdefault(cap.id, (cap, version.source_name))
                if (known[0].limit, known[0].period) != (cap.limit, cap.period):
                    raise PolicyFileInvalid(
                        f"{version.source_name}: cap {cap.id!r} is {cap.limit} per {cap.period} "
                        f"but {known[1]} sets {known[0].limit} per {known[0].period}; a shared "
                        "cap id must mean the same limit everywhere (use a new id for a new cap)"
                    )


def load_registry(
    policy_dir: Path,
    *,
    programs: Collection[str] | None = None,
    extra: Iterable[ProgramVersionPolicy] = (),
) -> Registry:
    """Read `policy_dir`: `_fees/*.yaml` then `<program>/*.yaml`; refuse the first bad file.

    `programs` narrows the read to those programs when each has a folder (a check of one
    document need not parse every program); otherwise every program is read, so an unknown
    name is refused with the full list of known ones.
    """
    fee_files = sorted((policy_dir / FEES_FOLDER).glob("*.yaml"))
    catalog = FeeCatalog(
        [
            read_fee_schedule(path.read_text(encoding="utf-8"), source_name=_name(path, policy_dir))
            for path in fee_files
        ]
    )
    folders = {
        path.parent.name
        for path in policy_dir.glob("*/*.yaml")
        if path.parent.name not in NON_PROGRAM_FOLDERS
    }
    if programs is not None and set(programs) <= folders:
        folders = set(programs)
    versions = [
        read_program_version(
            path.read_text(encoding="utf-8"),
            source_name=_name(path, policy_dir),
            fee_kinds=catalog.kinds(),
        )
        for path in sorted(policy_dir.glob("*/*.yaml"))
        if path.parent.name in folders
    ]
    return Registry([*versions, *extra], catalog)


def _name(path: Path, policy_dir: Path) -> str:
    return f"policies/{path.relative_to(policy_dir).as_posix()}"


def policy_dir() -> Path:
    from django.conf import settings  # here, not at the top: the offline check runs without it

    return Path(settings.LIFELINE_POLICY_DIR)


_lock = threading.Lock()
_cached: dict[Path, Registry] = {}
_last: tuple[object, Registry] | None = None  # (settings value, registry): the fast path


def get_registry() -> Registry:
    """The registry for the configured policy folder, read once per process."""
    global _last
    from django.conf import settings

    configured = settings.LIFELINE_POLICY_DIR
    last = _last
    if last is not None and last[0] is configured:
        return last[1]
    folder = Path(configured)
    with _lock:
        if folder not in _cached:
            _cached[folder] = load_registry(folder)
        _last = (configured, _cached[folder])
        return _cached[folder]


def reset_registry() -> None:
    """Forget the cached registry (after a version is published, or between tests)."""
    global _last
    with _lock:
        _cached.clear()
        _last = None
