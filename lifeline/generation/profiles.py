"""Who files under each program: populations, household shapes, categories and support."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Population:
    """People of one origin: where they live, what they speak, where their U.S. relatives live."""

    nationality: str
    language: str
    countries_now: dict[str, float]
    us_cities: dict[str, float]


POPULATIONS: dict[str, Population] = {
    "ukrainian": Population(
        "UA",
        "uk",
        {"UA": 0.45, "PL": 0.25, "DE": 0.15, "MD": 0.15},
        {
            "sacramento": 3,
            "seattle": 2,
            "portland": 2,
            "brooklyn": 2,
            "chicago": 2,
            "philadelphia": 1,
            "minneapolis": 1,
        },
    ),
    "russian": Population(
        "RU",
        "ru",
        {"RU": 0.6, "GE": 0.25, "DE": 0.15},
        {"brooklyn": 3, "new_york": 2, "seattle": 1, "sacramento": 1, "chicago": 1},
    ),
    "cuban": Population(
        "CU", "es", {"CU": 1.0}, {"miami": 4, "hialeah": 3, "tampa": 2, "houston": 1, "orlando": 1}
    ),
    "haitian": Population(
        "HT", "ht", {"HT": 1.0}, {"miami": 3, "boston": 2, "brooklyn": 2, "newark": 1, "orlando": 2}
    ),
    "venezuelan": Population(
        "VE",
        "es",
        {"VE": 0.75, "CO": 0.25},
        {"doral": 3, "miami": 2, "houston": 2, "orlando": 1, "dallas": 1},
    ),
    "nicaraguan": Population(
        "NI", "es", {"NI": 1.0}, {"miami": 3, "houston": 2, "los_angeles": 2, "charlotte": 1}
    ),
    "afghan": Population(
        "AF",
        "fa",
        {"AF": 0.7, "PK": 0.3},
        {"alexandria": 3, "fremont": 2, "sacramento": 2, "houston": 1},
    ),
    "central_american": Population(
        "", "es", {}, {"los_angeles": 3, "houston": 2, "alexandria": 2, "new_york": 1, "atlanta": 1}
    ),
    "colombian": Population("CO", "es", {"CO": 1.0}, {"miami": 2, "new_york": 2, "houston": 1}),
    "ecuadorian": Population("EC", "es", {"EC": 1.0}, {"new_york": 3, "newark": 2, "chicago": 1}),
}
CENTRAL_AMERICA = ("SV", "GT", "HN")
# A supporter's population when not from the beneficiary's community.
US_BORN = Population(
    "US",
    "en",
    {"US": 1.0},
    {
        "new_york": 1,
        "chicago": 1,
        "houston": 1,
        "atlanta": 1,
        "seattle": 1,
        "charlotte": 1,
        "dallas": 1,
        "boston": 1,
    },
)


@dataclass(frozen=True)
class ProgramProfile:
    """How a program's filings look; `weight` sets its share of generated households."""

    weight: float
    populations: dict[str, float]
    categories: dict[str, float]
    declarations: bool = False
    petitioner: bool = False
    invitation: bool = False
    minors_only: bool = False
    reparole_share: float = 0.0
    reparole_class: str = ""
    female_principal_share: float = 0.5
    spouse_share: float = 0.5
    max_children: int = 3
    duration_days: tuple[int, int] = (365, 365)
    fee_waiver_share: float = 0.0
    spouse_populations: dict[str, float] = field(default_factory=dict)


_CHNV = {"other": 0.6, "protection": 0.25, "family_reunification": 0.1, "medical": 0.05}


def _chnv(weight: float, population: str) -> ProgramProfile:
    return ProgramProfile(
        weight=weight,
        populations={population: 1.0},
        categories=_CHNV,
        declarations=True,
        duration_days=(730, 730),
    )


PROFILES: dict[str, ProgramProfile] = {
    "u4u": ProgramProfile(
        weight=0.27,
        populations={"ukrainian": 1.0},
        categories={"other": 0.6, "protection": 0.3, "medical": 0.05, "family_reunification": 0.05},
        declarations=True,
        reparole_share=0.15,
        reparole_class="UHP",
        female_principal_share=0.7,
        spouse_share=0.4,
        duration_days=(730, 730),
        spouse_populations={"ukrainian": 0.85, "russian": 0.15},
    ),
    "chnv_haiti": _chnv(0.11, "haitian"),
    "chnv_cuba": _chnv(0.065, "cuban"),
    "chnv_venezuela": _chnv(0.075, "venezuelan"),
    "chnv_nicaragua": _chnv(0.045, "nicaraguan"),
    "frp": ProgramProfile(
        weight=0.08,
        populations={
            "cuban": 0.3,
            "haitian": 0.3,
            "central_american": 0.25,
            "colombian": 0.1,
            "ecuadorian": 0.05,
        },
        categories={"family_reunification": 1.0},
        declarations=True,
        petitioner=True,
        invitation=True,
        duration_days=(1095, 1095),
    ),
    "cam": ProgramProfile(
        weight=0.04,
        populations={"central_american": 1.0},
        categories={"family_reunification": 1.0},
        petitioner=True,
        minors_only=True,
        reparole_share=0.15,
        reparole_class="PAR",
        spouse_share=0.0,
        duration_days=(1095, 1095),
    ),
    "afghan_reparole": ProgramProfile(
        weight=0.08,
        populations={"afghan": 1.0},
        categories={"other": 0.7, "protection": 0.2, "family_reunification": 0.1},
        reparole_share=1.0,
        reparole_class="OAR",
        duration_days=(730, 730),
    ),
    "general": ProgramProfile(
        weight=0.23,
        populations={
            "afghan": 0.4,
            "russian": 0.12,
            "ukrainian": 0.08,
            "cuban": 0.1,
            "haitian": 0.1,
            "venezuelan": 0.08,
            "nicaraguan": 0.04,
            "central_american": 0.08,
        },
        categories={
            "medical": 0.35,
            "protection": 0.3,
            "family_reunification": 0.15,
            "other": 0.15,
            "public_benefit": 0.05,
        },
        petitioner=True,
        reparole_share=0.03,
        reparole_class="PAR",
        spouse_share=0.15,
        max_children=1,
        duration_days=(30, 365),
        fee_waiver_share=0.1,
    ),
}
# For a program in the policy folder that this table does not describe.
FALLBACK = ProgramProfile(
    weight=0.05,
    populations=dict.fromkeys(POPULATIONS, 1.0),
    categories={"medical": 1, "protection": 1, "family_reunification": 1, "other": 1},
    petitioner=True,
    spouse_share=0.2,
    max_children=1,
)


def profile_for(program: str) -> ProgramProfile:
    return PROFILES.get(program, FALLBACK)
