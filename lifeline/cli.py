"""The `lifeline` command: a thin front over the project's Django management commands."""

from __future__ import annotations

import os
import sys

# Subcommands shown by `lifeline --help`; each is a management command of the same name.
COMMANDS = {
    "eligibility": "pre-screen a request document against the program in force (offline)",
    "policies": "load, validate and compare program policy files",
    "generate": "create a synthetic data set with its ground truth (no server needed)",
    "audit": "verify the hash-chained audit trail",
    "backup": "back up and restore the database, uploads and audit checkpoints",
    "demo": "prepare the demo: accounts for every role",
    "migrate": "apply database migrations",
    "analytics": "decision-consistency reports (offline); refresh the dashboard summaries",
    "integrity": "identity resolution and fraud rings on your files (offline); screen the database",
    "train_linkage": "retrain the person-linkage model on synthetic people (development)",
    "parole": "when a parole term ends, from a parole record document (offline)",
    "pathways": "options and deadlines after parole, with fees and sources (offline)",
}


def _print_help() -> None:
    print("usage: lifeline <command> [options]\n\nCommands:")
    for name, summary in COMMANDS.items():
        print(f"  {name:<12} {summary}")
    print("\nRun `lifeline <command> --help` for a command's options.")


def _check_without_django(args: list[str], project_root: str) -> int:
    """`eligibility check` without Django: no settings, app registry or database, only the
    domain's evaluator and the policy folder, so a single check starts in a fraction of
    Django's setup time. Messages stay in English."""
    import argparse
    import types
    from pathlib import Path

    # The cel package imports its interactive REPL (and prompt_toolkit) on import; rules only
    # need the compiled evaluator, so the REPL module is left out of this process.
    sys.modules.setdefault("cel.cli", types.ModuleType("cel.cli"))
    # No pydantic plugin is used; looking for them reads every installed package's metadata.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    policies = Path(project_root) / "policies"
    from lifeline.core.errors import DomainError
    from lifeline.programs.checking import check_documents, parse_date
    from lifeline.programs.registry import load_registry

    parser = argparse.ArgumentParser(prog="lifeline eligibility check")
    parser.add_argument("paths", type=Path, nargs="+", metavar="FILE|DIR")
    parser.add_argument("--as-of", type=parse_date, default=None, metavar="YYYY-MM-DD")
    options = parser.parse_args(args)
    try:
        check_documents(
            options.paths,
            as_of=options.as_of,
            write=lambda line: print(line, flush=False),
            registry_for=lambda programs: load_registry(policies, programs=programs),
        )
    except DomainError as exc:
        print(f"CommandError: {exc.message}", file=sys.stderr)
        return 2
    return 0


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help", "help"}:
        _print_help()
        return
    project_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if project_root not in sys.path:
        sys.path.insert(0, project_root)
    if args[:2] == ["eligibility", "check"] and not {"-h", "--help"} & set(args):
        sys.exit(_check_without_django(args[2:], project_root))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("LIFELINE_DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["lifeline", *args])


if __name__ == "__main__":
    main()
