"""Funnel plot: adjusted grant rate against caseload, limits widened for over-dispersion."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from scipy import special, stats

from lifeline.analytics.consistency.report import ConsistencyAnalysis

_LIMITS = ((0.95, "95%"), (0.998, "99.8%"))


def draw_funnel_plot(analysis: ConsistencyAnalysis, path: Path) -> None:
    """Write a PNG; each point is one (group, adjudicator) pair, placed at its odds ratio."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    funnel, pairs = analysis.funnel, analysis.pairs
    centre_logit = analysis.fit.typical_case_logit
    centre = float(special.expit(centre_logit))
    spread = funnel.flagging_sd_logit
    caseload = pairs.decisions
    adjusted_rate = special.expit(centre_logit + funnel.log_odds_ratio)
    grid = np.geomspace(max(caseload.min(), 1.0), caseload.max(), 200)
    sampling = 1.0 / (grid * centre * (1.0 - centre))

    figure = Figure(figsize=(12, 6.5), dpi=110)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    for level, label in _LIMITS:
        z = stats.norm.ppf(0.5 + level / 2)
        style = "-" if level > 0.99 else "--"
        for sign in (-1.0, 1.0):
            widened = special.expit(centre_logit + sign * z * np.sqrt(spread**2 + sampling))
            axes.plot(
                grid,
                widened,
                style,
                color="#1f4e79",
                linewidth=1.2,
                label=f"{label} limits, over-dispersion (tau={spread:.2f})" if sign > 0 else None,
            )
        if level > 0.99:
            for sign in (-1.0, 1.0):
                plain = special.expit(centre_logit + sign * z * np.sqrt(sampling))
                axes.plot(
                    grid,
                    plain,
                    ":",
                    color="#888888",
                    linewidth=1.0,
                    label=f"{label} plain binomial limits" if sign > 0 else None,
                )
    axes.axhline(centre, color="#1f4e79", linewidth=0.8)
    untested = ~funnel.is_tested
    ordinary = funnel.is_tested & ~funnel.is_flagged
    axes.scatter(
        caseload[untested],
        adjusted_rate[untested],
        s=14,
        facecolors="none",
        edgecolors="#999999",
        label="below minimum caseload or alone in group",
    )
    axes.scatter(
        caseload[ordinary], adjusted_rate[ordinary], s=14, color="#4a4a4a", label="adjudicator"
    )
    axes.scatter(
        caseload[funnel.is_flagged],
        adjusted_rate[funnel.is_flagged],
        s=36,
        color="#c0392b",
        marker="D",
        label=f"flagged (q <= {analysis.options.fdr_level:g})",
    )
    axes.set_xscale("log")
    axes.xaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _position: f"{value:,.0f}"))
    axes.xaxis.set_minor_formatter(NullFormatter())
    axes.set_ylim(0.0, 1.0)
    axes.set_xlabel("Decisions by the adjudicator in the group (log scale)")
    axes.set_ylabel("Grant rate for the average case, adjusted for case mix and group")
    axes.set_title(
        f"Decision consistency: {int(funnel.is_tested.sum())} adjudicators tested, "
        f"{int(funnel.is_flagged.sum())} flagged; ordinary spread SD {spread:.2f} (estimated)"
    )
    axes.grid(True, which="major", alpha=0.3)
    axes.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8, frameon=False)
    figure.text(
        0.01,
        0.01,
        "Limits show single comparisons around the estimated ordinary spread; flags come from a "
        "two-group model (ordinary or outlier) with its false-discovery rate controlled.",
        fontsize=8,
        color="#555555",
    )
    figure.tight_layout(rect=(0.0, 0.03, 1.0, 1.0))
    figure.savefig(path, format="png")
