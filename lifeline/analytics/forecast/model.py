"""When the backlog clears: a seeded Monte Carlo of daily arrivals, decisions and program caps."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field, replace

import numpy as np

from lifeline.core.errors import ValidationFailed

MAX_HORIZON_DAYS = 1095
MIN_SIMULATIONS = 100
MAX_SIMULATIONS = 20000


class ForecastInputInvalid(ValidationFailed):
    """A what-if input the forecast cannot use (negative, out of range, inconsistent)."""

    code = "forecast_input_invalid"


@dataclass(frozen=True)
class ProgramFlow:
    """One program: cases waiting for a decision, arrivals per day and the share approved."""

    program: str
    backlog: int
    arrivals_per_day: float
    approval_rate: float


@dataclass(frozen=True)
class CapLimit:
    """A cap on approvals that may travel; programs naming it share one count.

    A monthly cap holds approvals beyond the month's limit in a travel queue until the next
    month; a total cap, once used up, ends the intake of its programs.
    """

    cap_id: str
    period: str  # "month" or "total"
    limit: int
    programs: tuple[str, ...]
    used: int = 0  # already used in the current month (monthly) or in total


@dataclass(frozen=True)
class ForecastInputs:
    """Everything the simulation needs; `start_on` is the day the backlog was counted."""

    programs: tuple[ProgramFlow, ...]
    officers: float
    decisions_per_officer_per_day: float
    start_on: dt.date
    horizon_days: int = 365
    caps: tuple[CapLimit, ...] = ()
    interval_level: float = 0.8
    simulations: int = 500
    seed: int = 20260101


@dataclass(frozen=True)
class WeekPoint:
    """The backlog at the end of one week: simulated median and band, and the expected path."""

    on: dt.date
    low: float
    median: float
    high: float
    expected: float
    travel_queue_median: float


@dataclass(frozen=True)
class Forecast:
    """The answer: clear dates (None: not within the horizon), the interval and the trajectory."""

    inputs: ForecastInputs
    expected_clear_on: dt.date | None  # the mean path (no randomness)
    clears_on_low: dt.date | None
    clears_on_median: dt.date | None
    clears_on_high: dt.date | None
    share_cleared: float  # of simulations, within the horizon
    travel_clears_on_median: dt.date | None  # the decisions and the travel queue both empty
    weeks: list[WeekPoint] = field(default_factory=list)

    @property
    def decisions_per_day(self) -> float:
        return self.inputs.officers * self.inputs.decisions_per_officer_per_day

    @property
    def arrivals_per_day(self) -> float:
        return sum(flow.arrivals_per_day for flow in self.inputs.programs)

    @property
    def backlog(self) -> int:
        return sum(flow.backlog for flow in self.inputs.programs)

    @property
    def horizon_ends_on(self) -> dt.date:
        return self.inputs.start_on + dt.timedelta(days=self.inputs.horizon_days)

    @property
    def clears_within_interval(self) -> bool:
        """True when the interval's upper end falls within the horizon."""
        return self.clears_on_high is not None


def check_inputs(inputs: ForecastInputs) -> None:
    """Raise ForecastInputInvalid, with a sentence saying which input is wrong, on bad input."""
    if not inputs.programs:
        raise ForecastInputInvalid("Name at least one program to forecast.")
    names = [flow.program for flow in inputs.programs]
    if len(set(names)) != len(names):
        raise ForecastInputInvalid("Each program may appear only once.")
    for flow in inputs.programs:
        if flow.backlog < 0:
            raise ForecastInputInvalid(f"The backlog of {flow.program} cannot be negative.")
        if not (math.isfinite(flow.arrivals_per_day) and flow.arrivals_per_day >= 0):
            raise ForecastInputInvalid(
                f"Arrivals per day for {flow.program} must be a number of zero or more."
            )
        if not 0.0 <= flow.approval_rate <= 1.0:
            raise ForecastInputInvalid(
                f"The approval rate of {flow.program} must be between 0 and 1."
            )
    if not (math.isfinite(inputs.officers) and inputs.officers >= 0):
        raise ForecastInputInvalid("The number of officers must be zero or more.")
    rate = inputs.decisions_per_officer_per_day
    if not (math.isfinite(rate) and rate >= 0):
        raise ForecastInputInvalid("Decisions per officer per day must be zero or more.")
    if not 1 <= inputs.horizon_days <= MAX_HORIZON_DAYS:
        raise ForecastInputInvalid(f"The horizon must be between 1 and {MAX_HORIZON_DAYS} days.")
    if not 0.5 <= inputs.interval_level < 1.0:
        raise ForecastInputInvalid("The interval level must be at least 0.5 and below 1.")
    if not MIN_SIMULATIONS <= inputs.simulations <= MAX_SIMULATIONS:
        raise ForecastInputInvalid(
            f"Run between {MIN_SIMULATIONS} and {MAX_SIMULATIONS} simulations."
        )
    for cap in inputs.caps:
        if cap.period not in ("month", "total"):
            raise ForecastInputInvalid(f"Cap {cap.cap_id}: the period must be month or total.")
        if cap.limit <= 0 or cap.used < 0:
            raise ForecastInputInvalid(
                f"Cap {cap.cap_id}: the limit must be positive and the used count not negative."
            )
        unknown = sorted(set(cap.programs) - set(names))
        if unknown:
            raise ForecastInputInvalid(
                f"Cap {cap.cap_id} names programs not in the forecast: {', '.join(unknown)}."
            )
    monthly = [program for cap in inputs.caps if cap.period == "month" for program in cap.programs]
    if len(set(monthly)) != len(monthly):
        raise ForecastInputInvalid("A program may be under at most one monthly cap.")


class _Simulation:
    """The day-by-day state of many simulated futures at once (rows are simulations)."""

    def __init__(self, inputs: ForecastInputs, runs: int) -> None:
        self.names = [flow.program for flow in inputs.programs]
        self.backlog = np.tile(
            np.array([flow.backlog for flow in inputs.programs], dtype=np.float64), (runs, 1)
        )
        self.arrival_rate = np.array([flow.arrivals_per_day for flow in inputs.programs])
        self.approval_rate = np.array([flow.approval_rate for flow in inputs.programs])
        self.is_open = np.ones_like(self.backlog, dtype=bool)
        self.monthly = [cap for cap in inputs.caps if cap.period == "month"]
        self.totals = [cap for cap in inputs.caps if cap.period == "total"]
        self.month_used = np.tile(np.array([cap.used for cap in self.monthly], float), (runs, 1))
        self.total_used = np.tile(np.array([cap.used for cap in self.totals], float), (runs, 1))
        self.travel_queue = np.zeros((runs, len(self.monthly)))
        self._close_used_up_intake()

    def _members(self, cap: CapLimit) -> np.ndarray:
        return np.array([self.names.index(program) for program in cap.programs], dtype=np.int64)

    def _close_used_up_intake(self) -> None:
        for index, cap in enumerate(self.totals):
            is_used_up = self.total_used[:, index] >= cap.limit
            for member in self._members(cap):
                self.is_open[:, member] &= ~is_used_up

    def step(
        self, on: dt.date, arrivals: np.ndarray, decided: np.ndarray, approved: np.ndarray
    ) -> None:
        """Apply one day: arrivals join, decisions leave, approvals take cap slots."""
        if on.day == 1:
            self.month_used[:] = 0.0
        self.backlog += arrivals * self.is_open - decided
        for index, cap in enumerate(self.monthly):
            self.travel_queue[:, index] += approved[:, self._members(cap)].sum(axis=1)
            slots = np.maximum(cap.limit - self.month_used[:, index], 0.0)
            authorized = np.minimum(self.travel_queue[:, index], slots)
            self.travel_queue[:, index] -= authorized
            self.month_used[:, index] += authorized
        for index, cap in enumerate(self.totals):
            self.total_used[:, index] += approved[:, self._members(cap)].sum(axis=1)
        self._close_used_up_intake()

    def waiting(self) -> np.ndarray:
        return self.backlog.sum(axis=1)

    def travel_waiting(self) -> np.ndarray:
        return self.travel_queue.sum(axis=1)


def _allocate(rng: np.random.Generator, backlog: np.ndarray, capacity: np.ndarray) -> np.ndarray:
    """Decide `capacity` cases drawn at random (without replacement) from the programs' backlogs."""
    decided = np.zeros_like(backlog)
    left = np.minimum(capacity, backlog.sum(axis=1))
    others = backlog.sum(axis=1)
    for column in range(backlog.shape[1] - 1):
        others = others - backlog[:, column]
        taken = rng.hypergeometric(
            backlog[:, column].astype(np.int64), others.astype(np.int64), left.astype(np.int64)
        )
        decided[:, column] = taken
        left = left - taken
    decided[:, -1] = left
    return decided


def _mean_allocation(backlog: np.ndarray, capacity: float) -> np.ndarray:
    total = backlog.sum(axis=1, keepdims=True)
    share = np.divide(backlog, total, out=np.zeros_like(backlog), where=total > 0)
    allocated: np.ndarray = share * np.minimum(capacity, total)
    return allocated


def _quantile_date(clear_days: np.ndarray, level: float, start_on: dt.date) -> dt.date | None:
    """The `level` quantile of clear days, where not clearing counts as later than any day."""
    value = float(np.quantile(clear_days, level, method="inverted_cdf"))
    return None if math.isinf(value) else start_on + dt.timedelta(days=int(value))


def _expected_path(inputs: ForecastInputs) -> tuple[np.ndarray, dt.date | None]:
    """The mean path (no randomness): end-of-day backlog per day and its first clear day."""
    simulation = _Simulation(inputs, 1)
    capacity = inputs.officers * inputs.decisions_per_officer_per_day
    path = np.zeros(inputs.horizon_days)
    clear_on = None
    for day in range(inputs.horizon_days):
        on = inputs.start_on + dt.timedelta(days=day + 1)
        arrivals = simulation.arrival_rate[None, :]
        decided = _mean_allocation(simulation.backlog + arrivals * simulation.is_open, capacity)
        simulation.step(on, arrivals, decided, decided * simulation.approval_rate)
        path[day] = max(float(simulation.waiting()[0]), 0.0)
        if clear_on is None and path[day] < 1e-9:
            clear_on = on
    return path, clear_on


def _simulate(inputs: ForecastInputs, runs: int) -> tuple[np.ndarray, np.ndarray]:
    """End-of-day cases waiting for a decision and approvals waiting for a slot (runs x days)."""
    rng = np.random.default_rng(inputs.seed)
    simulation = _Simulation(inputs, runs)
    capacity_rate = inputs.officers * inputs.decisions_per_officer_per_day
    waiting = np.zeros((runs, inputs.horizon_days))
    travel_waiting = np.zeros((runs, inputs.horizon_days))
    for day in range(inputs.horizon_days):
        on = inputs.start_on + dt.timedelta(days=day + 1)
        arrivals = rng.poisson(simulation.arrival_rate, size=simulation.backlog.shape)
        capacity = rng.poisson(capacity_rate, size=runs).astype(np.float64)
        offered = simulation.backlog + arrivals * simulation.is_open
        decided = _allocate(rng, offered, capacity)
        approved = (
            rng.binomial(decided.astype(np.int64), simulation.approval_rate).astype(np.float64)
            if inputs.caps  # approvals only matter to caps
            else decided
        )
        simulation.step(on, arrivals, decided, approved)
        waiting[:, day] = simulation.waiting()
        travel_waiting[:, day] = simulation.travel_waiting()
    return waiting, travel_waiting


def _clear_days(is_clear: np.ndarray) -> np.ndarray:
    """Per run: the first simulated day (1-based) that is clear, infinity when none is."""
    return np.where(is_clear.any(axis=1), is_clear.argmax(axis=1) + 1.0, np.inf)


def forecast_backlog(inputs: ForecastInputs) -> Forecast:
    """Simulate `inputs.simulations` futures and summarise when the backlog clears."""
    check_inputs(inputs)
    waiting, travel_waiting = _simulate(inputs, inputs.simulations)
    clear_days = _clear_days(waiting <= 0)
    travel_days = _clear_days((waiting <= 0) & (travel_waiting <= 0))
    tail = (1.0 - inputs.interval_level) / 2.0
    expected, expected_clear_on = _expected_path(inputs)
    return Forecast(
        inputs=inputs,
        expected_clear_on=expected_clear_on,
        clears_on_low=_quantile_date(clear_days, tail, inputs.start_on),
        clears_on_median=_quantile_date(clear_days, 0.5, inputs.start_on),
        clears_on_high=_quantile_date(clear_days, 1.0 - tail, inputs.start_on),
        share_cleared=float(np.isfinite(clear_days).mean()),
        travel_clears_on_median=_quantile_date(travel_days, 0.5, inputs.start_on),
        weeks=_weeks(inputs, waiting, travel_waiting, expected, tail),
    )


def _weeks(
    inputs: ForecastInputs,
    waiting: np.ndarray,
    travel_waiting: np.ndarray,
    expected: np.ndarray,
    tail: float,
) -> list[WeekPoint]:
    """End-of-week points (and the last day when the horizon is not whole weeks)."""
    ends = list(range(6, inputs.horizon_days, 7))
    if not ends or ends[-1] != inputs.horizon_days - 1:
        ends.append(inputs.horizon_days - 1)
    low, median, high = np.quantile(waiting[:, ends], [tail, 0.5, 1.0 - tail], axis=0)
    travel = np.median(travel_waiting[:, ends], axis=0)
    return [
        WeekPoint(
            on=inputs.start_on + dt.timedelta(days=day + 1),
            low=float(low[i]),
            median=float(median[i]),
            high=float(high[i]),
            expected=float(expected[day]),
            travel_queue_median=float(travel[i]),
        )
        for i, day in enumerate(ends)
    ]


def simulate_one_future(inputs: ForecastInputs, *, seed: int) -> dt.date | None:
    """One possible future's clear date (for calibration): the same process, its own seed."""
    check_inputs(inputs)
    waiting, _travel = _simulate(replace(inputs, seed=seed), 1)
    return _quantile_date(_clear_days(waiting <= 0), 0.5, inputs.start_on)
