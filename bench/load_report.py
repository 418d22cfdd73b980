"""Markdown tables from a `load_bench.py` result file (bench/results/load_bench.json)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def _losses(check: dict[str, Any]) -> str:
    lost = {
        "requests": len(check["requests_missing"]),
        "declarations": len(check["declarations_missing"]),
        "uploads": len(check["evidence_missing"]),
        "rows without file": len(check["evidence_rows_without_file"]),
        "e-mails never delivered": len(check.get("emails_never_delivered", [])),
    }
    said = [f"{count} {what}" for what, count in lost.items() if count]
    twice = len(check.get("emails_delivered_twice", []))
    if twice:
        said.append(f"({twice} e-mails delivered twice)")
    return ", ".join(said) if said else "nothing"


def report(results: dict[str, Any]) -> str:
    lines = [f"Run of {results['started_at']}: {results['total_seconds']:.0f} s in all."]
    for backend in results["backends"]:
        steady = backend["phases"][0]
        lines += [
            "",
            f"**{backend['backend']}**, steady phase ({steady['seconds']:.0f} s, load average "
            f"{' -> '.join(steady['load_average'])}; load generator "
            f"{steady['loadgen_cpu_share_of_one_core']:.3f} of one core): "
            f"{steady['calls_per_second']} calls/s in all.",
            "",
            "| operation | calls/s | p50 ms | p95 ms | p99 ms | 2xx/3xx | 4xx | 5xx | no answer |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for name, figures in steady["operations"].items():
            lines.append(
                f"| {name} | {figures['per_second']} | {figures['p50_ms']:.0f} | "
                f"{figures['p95_ms']:.0f} | {figures['p99_ms']:.0f} | {figures['2xx_3xx']} | "
                f"{figures['4xx']} | {figures['503'] + figures['other_5xx']} | "
                f"{figures['no_answer']} |"
            )
        lines += [
            "",
            "| phase | load average | calls/s | failed calls in the phase (503 / other 5xx "
            "/ no answer) | errors ended after | e-mail backlog drained in | lost | "
            "orphan upload files |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for phase in backend["phases"]:
            operations = phase["operations"].values()
            refused = sum(o["503"] for o in operations)
            server = sum(o["other_5xx"] for o in operations)
            silent = sum(o["no_answer"] for o in operations)
            check = phase["check"]
            swept = " (after the sweep)" if check["sweep_needed"] else ""
            ended = phase.get("errors_ended_after_s")
            lines.append(
                f"| {phase['phase']} | {' -> '.join(phase['load_average'])} | "
                f"{phase['calls_per_second']} | {refused} / {server} / {silent} | "
                f"{'-' if ended is None else f'{ended} s'} | {check['drain_seconds']} s{swept} | "
                f"{_losses(check)} | {len(check['files_without_row'])} |"
            )
    return "\n".join(lines)


if __name__ == "__main__":
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "bench/results/load_bench.json")
    print(report(json.loads(path.read_text())))
