"""Where a request goes instead: the `route_to` vocabulary of policies/routes.yaml."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from lifeline.programs.citations import Citation
from lifeline.programs.errors import PolicyFileInvalid
from lifeline.programs.policy_sections import Identifier, Sentence
from lifeline.programs.yaml_source import YamlUnreadable, read_yaml

ROUTES_FILE = Path(__file__).resolve().parents[2] / "policies" / "routes.yaml"


class Route(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: Identifier
    label: Sentence
    explanation: Sentence
    citation: Citation


class _RoutesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    routes: list[Route] = Field(min_length=1)


@cache
def routes() -> dict[str, Route]:
    """Every route by code, read once from policies/routes.yaml."""
    try:
        data = read_yaml(ROUTES_FILE.read_text(encoding="utf-8")).data
    except YamlUnreadable as exc:
        raise PolicyFileInvalid(f"policies/routes.yaml: {exc.message}") from None
    parsed = _RoutesFile.model_validate(data)
    codes = [route.code for route in parsed.routes]
    if len(codes) != len(set(codes)):
        raise PolicyFileInvalid("policies/routes.yaml: a route code is used twice")
    return {route.code: route for route in parsed.routes}


def route(code: str) -> Route:
    return routes()[code]
