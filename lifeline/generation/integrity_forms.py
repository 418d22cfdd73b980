"""Synthetic supporter forms with planted rings and hard negatives, with per-form truth."""

from __future__ import annotations

import random
from dataclasses import dataclass

from lifeline.generation import integrity_pools as pools
from lifeline.generation.integrity_people import (
    Person,
    _phone,
    _ssn,
    make_household,
    person_ssn,
    render_record,
)

FORM_COLUMNS = [
    "form_id", "supporter_given_name", "supporter_family_name", "supporter_birth_date",
    "supporter_ssn", "supporter_phone", "supporter_email", "supporter_address", "supporter_ip",
    "supporter_bank_account", "beneficiary_given_name", "beneficiary_family_name",
    "beneficiary_birth_date", "narrative",
]  # fmt: skip
RING_KINDS = ["phone", "address", "ssn", "serial", "ip", "bank", "narrative", "mixed"]
_FIELDS = ["law", "nursing", "music", "agronomy", "history", "welding", "chemistry", "design"]
_SCHOOLS = ["Lviv", "Dnipro", "Caracas", "Camaguey", "Leon", "Jacmel", "Mazar", "Poltava"]
_NATIONALITIES = ["UA", "UA", "UA", "VE", "CU", "NI", "HT", "AF", "US"]


@dataclass(frozen=True)
class FormTruth:
    """What a form really is: clean, part of a planted ring, or a hard negative."""

    kind: str  # "clean" | "ring" | "hard_negative"
    group: str  # ring id, or the hard negative's id, or "" for clean forms


def _ip(rng: random.Random) -> str:
    return (
        f"{rng.randint(11, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    )


def _bank(rng: random.Random) -> str:
    return f"{rng.randint(10**8, 10**9 - 1)}-{rng.randint(10**9, 10**12)}"


def _narrative(rng: random.Random, beneficiary: str, city: str) -> str:
    slots = {
        "rel": rng.choice(pools.RELATIONS), "name": beneficiary, "place": rng.choice(
            ["Kharkiv", "Mariupol", "Caracas", "Havana", "Managua", "Port-au-Prince", "Kabul",
             "Kherson", "Maracaibo", "Les Cayes", "Herat", "Odesa", "Santiago", "Leon"]),
        "pos": rng.choice(["her", "his"]), "pron": rng.choice(["she", "he"]),
        "obj": rng.choice(["her", "him"]), "job": rng.choice(pools.JOBS),
        "myjob": rng.choice(pools.JOBS), "income": rng.randint(28, 140) * 1000,
        "rooms": rng.randint(1, 5), "savings": rng.randint(2, 60) * 500, "city": city,
        "months": rng.randint(3, 24),
    }  # fmt: skip
    parts = [rng.choice(pools.NARRATIVE_OPENINGS), rng.choice(pools.NARRATIVE_MIDDLES)]
    parts.append(rng.choice(pools.NARRATIVE_CLOSINGS))
    born, kids = rng.randint(1945, 2010), rng.randint(0, 6)
    field, school = rng.choice(_FIELDS), rng.choice(_SCHOOLS)
    parts.append(
        f"{{name}} was born in {born}, has {kids} children and studied {field} in {school}."
    )
    rng.shuffle(parts)
    return " ".join(p.format(**slots) for p in parts)


class _Builder:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.rows: list[dict[str, str]] = []
        self.truth: list[FormTruth] = []
        self.next_person = 0

    def people(self, nationality: str | None = None) -> list[Person]:
        household = make_household(
            self.rng, self.next_person, nationality or self.rng.choice(_NATIONALITIES)
        )
        self.next_person += len(household) + 1
        return household

    def form(
        self, supporter: dict[str, str], beneficiary: Person, narrative: str, truth: FormTruth
    ) -> None:
        row = {f"supporter_{k}": supporter[k] for k in (
            "given_name", "family_name", "birth_date", "ssn", "phone", "email", "address",
            "ip", "bank_account")}  # fmt: skip
        row |= {
            "form_id": f"F{len(self.rows):07d}",
            "beneficiary_given_name": beneficiary.given[0],
            "beneficiary_family_name": beneficiary.family[0],
            "beneficiary_birth_date": beneficiary.birth_on.isoformat(),
            "narrative": narrative,
        }
        self.rows.append(row)
        self.truth.append(truth)

    def supporter(self, person: Person, *, noisy: bool = False) -> dict[str, str]:
        record = render_record(self.rng, person, "", noisy=noisy)
        record.setdefault("ip", person.extra.get("ip") or _ip(self.rng))
        record["ip"] = person.extra.setdefault("ip", record["ip"])
        record["bank_account"] = person.extra.setdefault("bank", _bank(self.rng))
        return record

    def clean_supporter(self, truth: FormTruth, forms: int | None = None) -> list[Person]:
        household = self.people()
        person = household[0]
        person.ssn = person.ssn or person_ssn(person.person_id)
        relatives = self.people(person.nationality)
        for relative in relatives[: forms or self.rng.randint(1, 4)]:
            relative.family = person.family if self.rng.random() < 0.6 else relative.family
            story = _narrative(self.rng, relative.given[0], person.address[1])
            self.form(self.supporter(person, noisy=self.rng.random() < 0.1), relative, story, truth)
        return household


def _plant_ring(b: _Builder, ring_id: str, kind: str) -> None:
    rng, truth = b.rng, FormTruth("ring", ring_id)
    shared = {"phone": _phone(rng), "ip": _ip(rng), "bank_account": _bank(rng),
              "address": f"{rng.randint(1, 999)} Industrial Park Road Unit 9, Houston, TX 77002",
              "ssn": _ssn(rng)}  # fmt: skip
    story = _narrative(rng, "my relative", "Houston")
    keys = {"mixed": ["phone", "ip"], "bank": ["bank_account"], "narrative": []}.get(kind, [kind])
    if kind == "serial":
        boss = b.people("US")[0]
        for _ in range(rng.randint(22, 60)):
            b.form(b.supporter(boss, noisy=rng.random() < 0.3), b.people()[0],
                   _narrative(rng, "my friend", "Houston"), truth)  # fmt: skip
        return
    for _ in range(rng.randint(12, 30)):
        person = b.people()[0]
        person.ssn = person.ssn or shared["ssn"]
        for _ in range(rng.randint(1, 5)):
            record = b.supporter(person)
            for key in keys:
                record[key] = shared[key]
            text = (
                story
                if kind == "narrative" or rng.random() < 0.3
                else _narrative(rng, "x", "Houston")
            )
            b.form(record, b.people()[0], text, truth)


def generate_forms(
    n_clean_supporters: int, *, seed: int = 1, n_rings: int = 16, n_families: int = 10,
    n_hub_supporters: int = 60,
) -> tuple[list[dict[str, str]], list[FormTruth]]:  # fmt: skip
    """Clean supporters (1-4 forms each), planted rings of every kind, and hard negatives:
    big families sponsoring relatives from one address, and clients of a shelter or law office
    whose address and phone are on the hub list."""
    b = _Builder(seed)
    for _ in range(n_clean_supporters):
        b.clean_supporter(FormTruth("clean", ""))
    for index in range(n_rings):
        _plant_ring(b, f"ring{index}", RING_KINDS[index % len(RING_KINDS)])
    for index in range(n_families):
        truth = FormTruth("hard_negative", f"family{index}")
        household = b.clean_supporter(truth, forms=8)
        for adult in household[1:3]:
            adult.ssn = adult.ssn or "123-45-6789"
            relatives = b.people(adult.nationality)
            for relative in relatives[:4]:
                b.form(
                    b.supporter(adult),
                    relative,
                    _narrative(b.rng, relative.given[0], "Miami"),
                    truth,
                )
    hubs = [*pools.SHELTERS, pools.LAW_OFFICE]
    for index in range(n_hub_supporters):
        address, phone = hubs[index % len(hubs)]
        person = b.people()[0]
        person.address = (address.split(",")[0], ", ".join(address.split(",")[1:]).strip(), "")
        person.phone = phone
        person.extra["ip"] = "203.0.113.7"  # the shelter's public wifi
        for relative in b.people(person.nationality)[: b.rng.randint(1, 3)]:
            b.form(b.supporter(person), relative, _narrative(b.rng, relative.given[0], "Chicago"),
                   FormTruth("hard_negative", f"hub{index % len(hubs)}"))  # fmt: skip
    order = list(range(len(b.rows)))
    b.rng.shuffle(order)
    return [b.rows[i] for i in order], [b.truth[i] for i in order]
