"""The pathway policy files (options, timeline, visa bulletin, fees), read once and cached."""

from __future__ import annotations

import bisect
import datetime as dt
import os
import tempfile
import threading
from pathlib import Path
from typing import Any

from django.conf import settings
from pydantic import BaseModel, ValidationError

from lifeline.core.errors import ValidationFailed
from lifeline.pathways.documents import FACT_NAMES
from lifeline.pathways.policy import (
    OPTION_PARAMS,
    NoParams,
    OptionPolicy,
    PathwayPolicy,
    VisaBulletin,
)
from lifeline.programs.errors import PolicyFileInvalid
from lifeline.programs.expressions import ExpressionInvalid, Vocabulary, compile_expression
from lifeline.programs.fees import FeeCatalog, FeeSchedule
from lifeline.programs.loader import read_fee_schedule
from lifeline.programs.policy_folders import PATHWAY_FILES, PATHWAYS_FOLDER
from lifeline.programs.routes import routes
from lifeline.programs.timeline import Timeline, TimelineFile
from lifeline.programs.timeline_files import (
    load_timeline,
    newest_timeline_name,
    reset_timeline,
    timeline_path,
    unannounced_events,
)
from lifeline.programs.yaml_source import parse_policy_text


class BeforeFirstPathwayPolicy(ValidationFailed):
    """The date asked for is before the first pathway policy takes effect."""

    code = "before_first_pathway_policy"


# Facts the pathway context derives from the request; gates may read them like answered facts.
DERIVED_FACTS = (
    "citizenships",
    "is_cuban",
    "is_afghan",
    "ever_paroled",
    "released_on_i220a",
    "has_petition",
)


VOCABULARY = Vocabulary(
    doc_fields={}, fact_names=frozenset(FACT_NAMES + DERIVED_FACTS), param_names=frozenset()
)


def _read[Model: BaseModel](path: Path, model: type[Model]) -> Model:
    return parse_policy_text(path.read_text(encoding="utf-8"), path.name, model)


def _compile(policy: PathwayPolicy, name: str) -> None:
    for option in policy.options:
        _check_route_code(option, name)
        _check_params(option, name)
        for gate in option.gates:
            unknown = sorted(set(gate.needs) - VOCABULARY.fact_names)
            if unknown:
                raise PolicyFileInvalid(f"{name}: gate {gate.id!r} needs unknown fact {unknown[0]}")
            try:
                gate._compiled = compile_expression(gate.expression, VOCABULARY)
            except ExpressionInvalid as error:
                raise PolicyFileInvalid(f"{name}: gate {gate.id!r}: {error}") from None


def _check_route_code(option: OptionPolicy, name: str) -> None:
    """An option's code is a code of the route vocabulary that rule results use (ADR 0270)."""
    if option.code not in routes():
        raise PolicyFileInvalid(
            f"{name}: option {option.code!r} is not a code of policies/routes.yaml; known "
            f"routes: {', '.join(sorted(routes()))}"
        )


def _check_params(option: OptionPolicy, name: str) -> None:
    """Each option's params hold what its answer reads, typed, so a missing one fails here."""
    try:
        option._params = OPTION_PARAMS.get(option.code, NoParams).model_validate(option.params)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise PolicyFileInvalid(
            f"{name}: option {option.code!r}: params.{where}: {first['msg']}"
        ) from None


class PathwayRegistry:
    def __init__(
        self,
        policies: list[PathwayPolicy],
        timeline: Timeline,
        bulletin: VisaBulletin,
        fees: FeeCatalog,
    ) -> None:
        self.policies = sorted(policies, key=lambda policy: policy.effective_from)
        self._starts = [policy.effective_from for policy in self.policies]
        self.timeline = timeline
        self.bulletin = bulletin
        self.fees = fees

    def with_timeline(self, timeline: TimelineFile) -> PathwayRegistry:
        """The same options, bulletin and fees under another timeline (a draft under review)."""
        return PathwayRegistry(self.policies, Timeline(timeline), self.bulletin, self.fees)

    def policy_on(self, on: dt.date) -> PathwayPolicy:
        index = bisect.bisect_right(self._starts, on) - 1
        if index < 0:
            first = self.policies[0]
            raise BeforeFirstPathwayPolicy(
                f"Pathway answers start on {first.effective_from} ({first.version}), the first "
                f"day whose fees are on file; {on} is before it. Ask for {first.effective_from} "
                "or a later date.",
                details={"as_of": on.isoformat(), "first_date": first.effective_from.isoformat()},
            )
        return self.policies[index]


def load_registry(root: Path) -> PathwayRegistry:
    folder = root / PATHWAYS_FOLDER
    policies = []
    for path in sorted(folder.glob(PATHWAY_FILES)):
        policy = _read(path, PathwayPolicy)
        if path.stem != policy.version:
            raise PolicyFileInvalid(f"{path.name}: the file must be named {policy.version}.yaml")
        _compile(policy, path.name)
        policies.append(policy)
    bulletins = sorted(folder.glob("visa-bulletin-*.yaml"))
    if not policies or timeline_path(root) is None or not bulletins:
        raise PolicyFileInvalid(f"{folder} needs pathways-*, timeline-* and visa-bulletin-* files")
    schedules = [
        read_fee_schedule(path.read_text(encoding="utf-8"), source_name=str(path))
        for path in sorted((folder / "fees").glob("fees-*.yaml"))
    ]
    _fees_cover_first_policy(policies, schedules)
    return PathwayRegistry(
        policies,
        load_timeline(root),
        _read(bulletins[-1], VisaBulletin),
        FeeCatalog(schedules),
    )


def check_pathway_files(root: Path) -> tuple[int, int, int]:
    """Load the pathway files under a policy root and hold the timeline to the ADR 0211 rule
    (every event states its announcement date): options, timeline events, bulletin months."""
    pathways = load_registry(root)
    unannounced = unannounced_events(pathways.timeline)
    if unannounced:
        raise PolicyFileInvalid(f"{pathways.timeline.file.version}: {unannounced[0]}")
    options = sum(len(policy.options) for policy in pathways.policies)
    return options, len(pathways.timeline.file.events), len(pathways.bulletin.months)


def _fees_cover_first_policy(policies: list[PathwayPolicy], schedules: list[FeeSchedule]) -> None:
    """A policy in force before the first pathway fee schedule would answer "no fee" for fees
    that were charged then: the first policy may not start before the fees on file."""
    first_policy = min(policy.effective_from for policy in policies)
    first_fees = min((schedule.effective_from for schedule in schedules), default=first_policy)
    if first_policy < first_fees:
        raise PolicyFileInvalid(
            f"pathways-*: the first policy starts on {first_policy}, before the first fee "
            f"schedule in {PATHWAYS_FOLDER}/fees ({first_fees}); add the fees in force then or "
            "start the policy later"
        )


_lock = threading.Lock()
_cache: dict[str, Any] = {}


def timeline_folder() -> Path:
    return Path(settings.LIFELINE_POLICY_DIR) / PATHWAYS_FOLDER


def write_timeline_file(path: Path, text: str) -> None:
    """Replace the file in one step, so a reader sees the old text or the new, never half."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
    Path(temporary).replace(path)


def reset_pathway_registry() -> None:
    """Forget the cached files (after a new timeline is written)."""
    with _lock:
        _cache.clear()
    reset_timeline()


def get_pathway_registry() -> PathwayRegistry:
    """The files as read, reread when a newer timeline file appears (a publish in another
    process), so every web and task worker answers under the timeline in force."""
    root = Path(settings.LIFELINE_POLICY_DIR)
    key = (root, newest_timeline_name(root))
    with _lock:
        if _cache.get("key") != key:
            _cache["registry"] = load_registry(root)
            _cache["key"] = key
        registry: PathwayRegistry = _cache["registry"]
        return registry
