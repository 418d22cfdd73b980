"""A pathway request names parole programs the program policies know, or it is refused."""

from __future__ import annotations

from lifeline.core.errors import ValidationFailed
from lifeline.pathways.documents import PathwayRequest
from lifeline.programs.registry import Registry, get_registry


class UnknownParoleProgram(ValidationFailed):
    """A parole period names a program that has no policy: its end could not be read."""

    code = "unknown_parole_program"


def require_known_programs(request: PathwayRequest, programs: Registry | None = None) -> None:
    known = (programs or get_registry()).programs()
    unknown = sorted({interval.program for interval in request.parole} - set(known))
    if unknown:
        raise UnknownParoleProgram(
            f"parole names unknown program(s) {', '.join(unknown)}; known programs: "
            f"{', '.join(known)}.",
            details={"unknown": unknown, "known": known},
        )
