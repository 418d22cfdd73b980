"""Forecast, consistency and reason-code pages at scale, on the operations bench database.

Usage: .venv/bin/python bench/analytics_forecast_bench.py [--requests 1000000] [--repeats 10]
           [--database-url postgres://postgres@127.0.0.1:5432/lifeline_bench_analytics]

Reuses (or builds) the database of `analytics_dashboard_bench.py`: N requests, a quarter open,
the rest decided by 50 officers. Times `refresh_consistency_summary()` once for the daily
refresh (by office and quarter, every approval and denial in effect counted into cells by the
database, plus reason-code counts) and once on demand (by office and year), and the forecast's
counts that the hourly operations refresh stores (running that refresh once, untimed, if its
newest snapshot has none). Then, through the Django test Client signed in as a supervisor, the
forecast page (observed rates and what-ifs), the consistency page and the reason-code page with
its CSV. Prints p50/p95 wall time per page and the median CPU time of this process and of its
PostgreSQL backend. Target: pages under 1 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from analytics_dashboard_bench import DEFAULT_URL, _load, _p, _setup, _timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=10, help="requests per page")
    parser.add_argument("--database-url", default=DEFAULT_URL)
    args = parser.parse_args()
    _setup(args.database_url, reload=False)
    _load(args.requests)

    from django.test import Client
    from django.test.utils import setup_test_environment

    from lifeline.accounts.enums import UserRole
    from lifeline.accounts.models import User
    from lifeline.analytics.consistency.periods import ConsistencyPeriod
    from lifeline.analytics.consistency.summary import refresh_consistency_summary
    from lifeline.analytics.forecast.inputs import count_flows
    from lifeline.analytics.forecast.summary import get_refreshed_flow_counts
    from lifeline.analytics.operations.summaries import refresh_operations_summaries
    from lifeline.core import clock

    for name, period in (("quarter (daily)", "quarter"), ("year (on demand)", "year")):
        wall, cpu, backend, snapshot = _timed(
            lambda period=period: refresh_consistency_summary(
                period=ConsistencyPeriod.from_key(period)
            )
        )
        backend_text = "n/a" if backend is None else f"{backend:.1f} s"
        summary = (snapshot.report or {}).get("summary", {})
        print(
            f"consistency refresh by {name}: {wall:.1f} s wall, {cpu:.1f} s CPU here, "
            f"{backend_text} CPU in PostgreSQL; {snapshot.decisions:,} decisions in "
            f"{summary.get('cells', 0):,} cells, {summary.get('groups', 0)} groups, "
            f"{'report' if snapshot.report else 'no report: ' + snapshot.problem}"
        )
    wall, cpu, backend, _counts = _timed(lambda: count_flows(today=clock.today()))
    backend_text = "n/a" if backend is None else f"{backend:.2f} s"
    print(
        f"forecast counts (in the hourly refresh): {wall:.2f} s wall, {cpu:.2f} s CPU here, "
        f"{backend_text} CPU in PostgreSQL"
    )
    if get_refreshed_flow_counts() is None:
        refresh_operations_summaries()

    setup_test_environment()
    supervisor, _ = User.objects.get_or_create(
        username="bench-supervisor", defaults={"role": UserRole.SUPERVISOR}
    )
    client = Client()
    client.force_login(supervisor)
    pages = {
        "forecast": "/analytics/forecast/",
        "forecast what-if": "/analytics/forecast/?officers=80&arrivals_change_percent=20",
        "forecast one program": "/analytics/forecast/?program=u4u&horizon_days=730",
        "consistency": "/analytics/consistency/",
        "reason codes": "/analytics/reasons/?program=u4u",
        "reason codes csv": "/analytics/reasons.csv",
    }
    for name, path in pages.items():
        walls, cpus, backends = [], [], []
        for _ in range(args.repeats):
            wall, cpu, backend, response = _timed(lambda path=path: client.get(path))
            assert response.status_code == 200, (path, response.status_code)
            walls.append(wall)
            cpus.append(cpu)
            if backend is not None:
                backends.append(backend)
        backend_text = f"{statistics.median(backends):.3f} s" if backends else "n/a"
        print(
            f"{name:22} p50 {_p(walls, 0.5):.3f} s  p95 {_p(walls, 0.95):.3f} s wall; "
            f"median CPU {statistics.median(cpus):.3f} s here, {backend_text} in PostgreSQL"
        )


if __name__ == "__main__":
    main()
