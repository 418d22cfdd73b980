"""The pathway policy files (options, timeline, visa bulletin, fees), read once and cached."""

from __future__ import annotations

import bisect
import datetime as dt
import threading
from pathlib import Path
from typing import Any

from django.conf import settings
from pydantic import BaseModel, ValidationError

from lifeline.pathways.documents import FACT_NAMES
from lifeline.pathways.policy import PathwayPolicy, VisaBulletin
from lifeline.pathways.timeline import Timeline, TimelineFile
from lifeline.programs.errors import NoVersionInForce, PolicyFileInvalid
from lifeline.programs.expressions import ExpressionInvalid, Vocabulary, compile_expression
from lifeline.programs.fees import FeeCatalog
from lifeline.programs.loader import read_fee_schedule
from lifeline.programs.yaml_source import YamlUnreadable, read_yaml

FOLDER = "pathways"
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
    try:
        document = read_yaml(path.read_text(encoding="utf-8"))
        return model.model_validate(document.data)
    except YamlUnreadable as error:
        raise PolicyFileInvalid(f"{path.name}, line {error.line}: {error.message}") from None
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise PolicyFileInvalid(f"{path.name}: {where}: {first['msg']}") from None


def _compile(policy: PathwayPolicy, name: str) -> None:
    for option in policy.options:
        for gate in option.gates:
            unknown = sorted(set(gate.needs) - VOCABULARY.fact_names)
            if unknown:
                raise PolicyFileInvalid(f"{name}: gate {gate.id!r} needs unknown fact {unknown[0]}")
            try:
                gate._compiled = compile_expression(gate.expression, VOCABULARY)
            except ExpressionInvalid as error:
                raise PolicyFileInvalid(f"{name}: gate {gate.id!r}: {error}") from None


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

    def policy_on(self, on: dt.date) -> PathwayPolicy:
        index = bisect.bisect_right(self._starts, on) - 1
        if index < 0:
            raise NoVersionInForce(
                f"No pathway policy is in force on {on}; the first starts on {self._starts[0]}."
            )
        return self.policies[index]


def load_registry(root: Path) -> PathwayRegistry:
    folder = root / FOLDER
    policies = []
    for path in sorted(folder.glob("pathways-*.yaml")):
        policy = _read(path, PathwayPolicy)
        if path.stem != policy.version:
            raise PolicyFileInvalid(f"{path.name}: the file must be named {policy.version}.yaml")
        _compile(policy, path.name)
        policies.append(policy)
    timelines = sorted(folder.glob("timeline-*.yaml"))
    bulletins = sorted(folder.glob("visa-bulletin-*.yaml"))
    if not policies or not timelines or not bulletins:
        raise PolicyFileInvalid(f"{folder} needs pathways-*, timeline-* and visa-bulletin-* files")
    schedules = [
        read_fee_schedule(path.read_text(encoding="utf-8"), source_name=str(path))
        for path in sorted((folder / "fees").glob("fees-*.yaml"))
    ]
    return PathwayRegistry(
        policies,
        Timeline(_read(timelines[-1], TimelineFile)),
        _read(bulletins[-1], VisaBulletin),
        FeeCatalog(schedules),
    )


_lock = threading.Lock()
_cache: dict[str, Any] = {}


def get_pathway_registry() -> PathwayRegistry:
    root = Path(settings.LIFELINE_POLICY_DIR)
    with _lock:
        if _cache.get("root") != root:
            _cache["registry"] = load_registry(root)
            _cache["root"] = root
        registry: PathwayRegistry = _cache["registry"]
        return registry
