"""The demo data's mix: pre-screen outcomes and what the officer guardrails ask for per case.

Usage: .venv/bin/python bench/guardrail_mix.py [--requests 300] [--seed 7]

Generates the data set into a fresh SQLite database (as bench/generate_bench.py does), then
reads, for every generated request, its current pre-screen outcome and the guardrails'
concerns (`lifeline.adjudication.guardrails.list_concerns`): a failed rule (an approval needs an
override), an unknown rule (an evidence request or an override), required evidence not sent
(an approval needs an override), or none. Prints the counts and the rules most often unknown.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_bench import LAST_FILING_ON, LIFELINE, ROOT, _environment

COUNT = """
from collections import Counter
from lifeline.adjudication.guardrails import list_concerns
from lifeline.intake.models import ParoleRequest

outcomes, asks, unknown = Counter(), Counter(), Counter()
requests = ParoleRequest.objects.all()
for request in requests:
    outcomes[request.prescreen_outcome or "not pre-screened"] += 1
    concerns = list_concerns(request)
    kinds = {concern.kind for concern in concerns}
    unknown.update(concern.id for concern in concerns if concern.kind == "unknown_rule")
    if "failed_rule" in kinds:
        asks["a rule failed (an approval needs an override)"] += 1
    elif "unknown_rule" in kinds:
        asks["a rule is unknown (an evidence request or an override)"] += 1
    elif "missing_evidence" in kinds:
        asks["only evidence not sent (an approval needs an override)"] += 1
    else:
        asks["nothing to answer for"] += 1
total = requests.count()
print(f"requests: {total}")
for title, counter in (("pre-screen outcome", outcomes), ("guardrails ask", asks)):
    print(title + ":")
    for key, count in counter.most_common():
        print(f"  {key}: {count} ({100 * count / total:.0f}%)")
print("rules most often unknown: " + ", ".join(f"{k} {n}" for k, n in unknown.most_common(6)))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="lifeline-guardrail-mix-"))
    env = _environment(folder)
    generate = ["generate", "--requests", str(args.requests), "--seed", str(args.seed)]
    try:
        for command in (
            ["migrate", "--noinput", "--verbosity", "0"],
            [*generate, "--until", LAST_FILING_ON],
        ):
            subprocess.run(
                [str(LIFELINE), *command], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL
            )
        print(f"command: lifeline {' '.join(generate)} --until {LAST_FILING_ON}")
        print(f"load average at the end: {os.getloadavg()[0]:.1f}")
        subprocess.run([str(LIFELINE), "shell", "-c", COUNT], env=env, cwd=ROOT, check=True)
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
