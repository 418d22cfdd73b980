"""Each option's deadline computation, by option code."""

from __future__ import annotations

from collections.abc import Callable

from lifeline.pathways.options.afghan import afghan_special_immigrant
from lifeline.pathways.options.asylum import asylum
from lifeline.pathways.options.cuban_adjustment import cuban_adjustment
from lifeline.pathways.options.family import family_adjustment
from lifeline.pathways.options.reparole import reparole
from lifeline.pathways.options.tps import tps
from lifeline.pathways.options.work_permits import employment_authorization
from lifeline.pathways.policy import OptionPolicy
from lifeline.pathways.state import Check, Draft

COMPUTE: dict[str, Callable[[OptionPolicy, Check], Draft]] = {
    "asylum": asylum,
    "tps": tps,
    "cuban_adjustment": cuban_adjustment,
    "afghan_special_immigrant": afghan_special_immigrant,
    "family_adjustment": family_adjustment,
    "reparole": reparole,
    "employment_authorization": employment_authorization,
}
