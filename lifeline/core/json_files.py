"""A JSON file read for a command: every failure (unreadable, not JSON, nested too deeply) is
a ValidationFailed naming the file, so the command exits 2 with one line instead of a trace."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from lifeline.core.errors import ValidationFailed


class JsonFileInvalid(ValidationFailed):
    code = "json_file_invalid"


def read_text(path: Path, *, error: type[ValidationFailed] = JsonFileInvalid) -> str:
    """The file's UTF-8 text, or `error` saying why it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(f"{path} does not exist.") from None
    except IsADirectoryError:
        raise error(f"{path} is a folder; give one JSON file.") from None
    except (PermissionError, UnicodeDecodeError) as exc:
        raise error(f"Cannot read {path}: {exc}.") from None


def load_json(text: str, *, source: str, error: type[ValidationFailed] = JsonFileInvalid) -> Any:
    """The parsed JSON, or `error` naming `source` and where the text stops being JSON."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise error(
            f"{source} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}."
        ) from None
    except RecursionError:
        raise error(f"{source} cannot be read: its JSON is nested too deeply.") from None


def argument_name(path: str) -> str:
    """How a command's messages name its input argument: "stdin" for "-", else the path."""
    return "stdin" if path == "-" else path


def read_json_argument(path: str) -> Any:
    """The JSON a command reads from the file `path`, or from stdin when `path` is "-"."""
    text = sys.stdin.read() if path == "-" else read_text(Path(path))
    return load_json(text, source=argument_name(path))
