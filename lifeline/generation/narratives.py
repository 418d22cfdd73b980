"""Compose request narratives from sentence pools, and the near copies a fraud ring files."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass

from lifeline.generation import places
from lifeline.generation.narrative_texts import GENERIC, RING_SCRIPTS, SENTENCES
from lifeline.generation.records import Slot

DIAGNOSES = (
    "acute lymphoblastic leukaemia",
    "a congenital heart defect",
    "end-stage kidney disease",
    "a brain tumour",
    "bone cancer",
    "severe burns",
    "spinal muscular atrophy",
    "liver cirrhosis",
    "aplastic anaemia",
    "a complex cleft palate",
    "retinoblastoma",
)
JOBS = (
    "journalist",
    "interpreter",
    "judge",
    "women's rights activist",
    "teacher",
    "police officer",
    "human rights lawyer",
    "election observer",
    "nurse",
    "engineer",
)
GENERIC_SHARE = 0.08
_A_RELATIVE = {
    "en": "My cousin",
    "uk": "Мій двоюрідний брат",
    "ru": "Мой двоюродный брат",
    "es": "Mi primo",
    "ht": "Kouzen mwen",
    "fa": "پسر کاکایم",
}
_US_CITIES = ("Miami", "Houston", "Sacramento", "New York", "Chicago", "Alexandria")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True)
class NarrativeFacts:
    """What a narrative may mention about one request."""

    name: str
    city: str
    country: str
    us_city: str
    supporter: str
    diagnosis: str
    job: str
    event_on: dt.date
    since_on: dt.date
    years: int


def _slots(facts: NarrativeFacts, language: str) -> dict[str, str | int]:
    if language == "en":
        month_year = f"{_MONTHS[facts.since_on.month - 1]} {facts.since_on.year}"
        date = f"{_MONTHS[facts.event_on.month - 1]} {facts.event_on.day}, {facts.event_on.year}"
    else:
        month_year = facts.since_on.strftime("%m.%Y")
        date = facts.event_on.strftime("%d.%m.%Y")
    return {
        "name": facts.name,
        "city": facts.city,
        "country": facts.country,
        "us_city": facts.us_city,
        "supporter": facts.supporter,
        "diagnosis": facts.diagnosis,
        "job": facts.job,
        "month_year": month_year,
        "date": date,
        "years": facts.years,
    }


def compose_narrative(
    rng: random.Random, *, language: str, category: str, facts: NarrativeFacts
) -> str:
    """A few sentences in `language` about `category`; sometimes only a short generic line."""
    if rng.random() < GENERIC_SHARE:
        return rng.choice(GENERIC[language])
    pools = SENTENCES[language]
    pool = list(pools.get(category, pools["other"]))
    if category != "other":
        pool += list(pools["other"][:2])
    count = min(len(pool), rng.randint(2, 5))
    slots = _slots(facts, language)
    return " ".join(sentence.format(**slots) for sentence in rng.sample(pool, count))


def ring_script(rng: random.Random) -> str:
    return rng.choice(RING_SCRIPTS)


def near_copy(rng: random.Random, text: str) -> str:
    """The same text with one small edit: what a ring does to dodge an exact-match check."""
    sentences = [part for part in text.split(". ") if part]
    edit = rng.choice(("swap", "case", "space", "drop_word"))
    if edit == "swap" and len(sentences) > 2:
        first = rng.randrange(len(sentences) - 1)
        sentences[first], sentences[first + 1] = sentences[first + 1], sentences[first]
        return ". ".join(sentences).rstrip(".") + "."
    if edit == "case":
        return text.lower()
    if edit == "space":
        return text.replace(". ", ".  ", 1).replace(",", " ,", 1)
    words = text.split(" ")
    index = rng.randrange(1, len(words) - 1)
    return " ".join(words[:index] + words[index + 1 :])


def narrate_household(rng: random.Random, slots: Sequence[Slot], *, language: str) -> None:
    """The head writes the story; family members copy it, write a line, or tell their own."""
    head = slots[0]
    for slot in slots:
        if slot.narrative:
            continue
        if slot is not head and head.narrative and rng.random() < 0.6:
            slot.narrative = head.narrative
            continue
        written_in = language if rng.random() < 0.45 and language in GENERIC else "en"
        slot.narrative = compose_narrative(
            rng, language=written_in, category=slot.category, facts=_facts(rng, slot, written_in)
        )


def _facts(rng: random.Random, slot: Slot, language: str) -> NarrativeFacts:
    human = slot.beneficiary
    native = human.given.native if language != "en" and human.given.native else ""
    sponsor = slot.supports[0].sponsor.human if slot.supports else slot.petitioner
    urgency = slot.urgency
    event_on = (
        urgency.treatment_on
        or urgency.event_on
        or (slot.filed_on + dt.timedelta(days=rng.randint(14, 90)))
    )
    origin = human.citizenships[0]
    home_city = human.address.city
    if human.current_country != origin:  # the displaced write about the city they left
        home_city = places.abroad_address(rng, origin).city
    return NarrativeFacts(
        name=native or human.given.latin,
        city=home_city,
        country=places.country_name(origin),
        us_city=sponsor.address.city if sponsor else rng.choice(_US_CITIES),
        supporter=f"{sponsor.given.latin} {sponsor.family.latin}"
        if sponsor
        else _A_RELATIVE[language],
        diagnosis=urgency.diagnosis or rng.choice(DIAGNOSES),
        job=rng.choice(JOBS),
        event_on=event_on,
        since_on=slot.filed_on - dt.timedelta(days=rng.randint(30, 700)),
        years=rng.randint(2, 12),
    )
