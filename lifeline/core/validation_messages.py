"""A pydantic validation error as lines a person can read: `  where: what`, one per problem."""

from __future__ import annotations

from pydantic import ValidationError


def problems_by_line(error: ValidationError) -> str:
    """One indented line per problem, naming where in the document it is."""
    return "\n".join(
        f"  {'.'.join(str(part) for part in problem['loc']) or 'document'}: "
        f"{problem['msg'].removeprefix('Value error, ')}"
        for problem in error.errors()
    )
