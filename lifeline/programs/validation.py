"""Validate a policy path for the command line: a policy folder, a program folder or one file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lifeline.programs.built_in_rules import BUILT_IN_RULES_NAME, read_built_in_rules
from lifeline.programs.errors import PolicyFileInvalid
from lifeline.programs.loader import read_fee_schedule, read_program_version
from lifeline.programs.policy import ProgramVersionPolicy
from lifeline.programs.policy_folders import PATHWAY_FILES, PATHWAYS_FOLDER
from lifeline.programs.registry import FEES_FOLDER, Registry, load_registry, policy_dir
from lifeline.programs.source_quotes import citation_problems, refuse_citation_problems
from lifeline.programs.timeline_files import (
    load_timeline,
    termination_reference_problems,
    timeline_path,
)


def _root_for(path: Path) -> Path:
    """The policy folder a path belongs to (the one holding `_fees/`), else the configured one."""
    for candidate in (path, *path.parents):
        if (candidate / FEES_FOLDER).is_dir():
            return candidate
    return policy_dir()


def _summary(registry: Registry) -> str:
    versions = sum(len(registry.versions(program)) for program in registry.programs())
    return (
        f"{versions} program versions in {len(registry.programs())} programs and "
        f"{len(registry.fees.schedules)} fee schedules"
    )


def _shown(path: Path) -> str:
    """The path relative to the working folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _check_timeline_references(root: Path, versions: list[ProgramVersionPolicy]) -> None:
    """Each termination names a termination event of its program on the policy timeline."""
    if not any(version.termination for version in versions):
        return
    if timeline_path(root) is None:
        raise PolicyFileInvalid(f"{root}: a program termination needs the policy timeline")
    problems = termination_reference_problems(versions, load_timeline(root))
    if problems:
        raise PolicyFileInvalid(problems[0])


# What the pathway files hold once loaded: (options, timeline events, Visa Bulletin months). The
# pathways app registers its loader when it starts (ADR 0159), so this layer does not import it.
PathwayLoader = Callable[[Path], tuple[int, int, int]]
_pathway_loader: PathwayLoader | None = None


def register_pathway_loader(loader: PathwayLoader) -> None:
    """Called by the pathways app: load (and so check) the pathway files under a policy root."""
    global _pathway_loader
    _pathway_loader = loader


def _check_pathways(root: Path, files: list[Path]) -> str:
    """The pathway files load (options, timeline, bulletin, fees) and each citation in `files`
    names a primary authority and quotes its sentence; the summary of what was checked."""
    refuse_citation_problems(
        [line for file in files for line in citation_problems(file, _shown(file))]
    )
    if not any((root / PATHWAYS_FOLDER).glob(PATHWAY_FILES)):
        return f"{len(files)} pathway files, every citation quoted"
    if _pathway_loader is None:
        raise PolicyFileInvalid(
            "the pathways app is not loaded: the pathway files were not checked"
        )
    options, events, months = _pathway_loader(root)
    return (
        f"{options} pathway options, {events} timeline events and "
        f"{months} Visa Bulletin month{'' if months == 1 else 's'}, every citation quoted"
    )


def _pathway_files(root: Path, path: Path) -> list[Path]:
    """The pathway policy files `path` covers (none when it is outside the pathways folder)."""
    folder = root / PATHWAYS_FOLDER
    if not folder.is_dir():
        return []
    resolved = path.resolve()
    if resolved in (root, folder) or folder in resolved.parents:
        files = [resolved] if resolved.is_file() else sorted(folder.rglob("*.yaml"))
        return [file for file in files if folder in file.parents]
    return []


def validate_policy_path(path: Path) -> str:
    """A one-line summary when `path` is valid; PolicyFileInvalid names the first mistake."""
    shown = _shown(path)
    if not path.exists():
        raise PolicyFileInvalid(f"{path} does not exist.")
    root = _root_for(path.resolve())
    pathway_files = _pathway_files(root, path)
    if path.is_file() and pathway_files:
        return f"{shown}: valid pathway file ({_check_pathways(root, pathway_files)})"
    if path.is_dir():
        registry = load_registry(root)
        if (root / BUILT_IN_RULES_NAME).exists():
            read_built_in_rules(root / BUILT_IN_RULES_NAME)
        _check_timeline_references(
            root, [v for program in registry.programs() for v in registry.versions(program)]
        )
        checked = f"; {_check_pathways(root, pathway_files)}" if pathway_files else ""
        return f"{shown}: valid ({_summary(registry)}{checked})"
    text = path.read_text(encoding="utf-8")
    if path.parent.name == FEES_FOLDER:
        schedule = read_fee_schedule(text, source_name=str(path))
        return f"{shown}: valid fee schedule {schedule.version}"
    registry = load_registry(root)
    inside = root in path.resolve().parents
    draft = read_program_version(
        text, source_name=str(path), fee_kinds=registry.fees.kinds(), check_location=inside
    )
    registry.with_version(draft)
    _check_timeline_references(root, [draft])
    return f"{shown}: valid program version {draft.version}"
