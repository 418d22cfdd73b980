"""Plant the fraud patterns the 2024 review of supporter forms found, with their ground truth."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

from lifeline.generation import places
from lifeline.generation.humans import weighted
from lifeline.generation.narratives import near_copy, ring_script
from lifeline.generation.profiles import POPULATIONS
from lifeline.generation.records import Ids, Ring, Slot, Sponsor, Support
from lifeline.generation.sponsors import SponsorDesk

# Share of the fraud budget per pattern, and the size range of one ring in requests.
PATTERNS: dict[str, tuple[float, tuple[int, int]]] = {
    "serial_sponsor": (0.3, (25, 45)),
    "shared_phone": (0.2, (12, 40)),
    "shared_address": (0.2, (12, 40)),
    "shared_ssn": (0.1, (4, 10)),
    "reused_narrative": (0.2, (10, 40)),
}
SUPPORTER_PATTERNS = ("serial_sponsor", "shared_phone", "shared_address", "shared_ssn")
_SITES = (
    ("8400 NW 25th St", "Unit {n}", "doral"),  # a warehouse
    ("1200 W Flagler St", "Storage Unit {n}", "miami"),
    ("2500 Palm Ave", "Lot {n}", "hialeah"),  # a mobile-home park
    ("7000 Harwin Dr", "Suite {n}", "houston"),
    ("4100 Sunset Blvd", "Mailbox {n}", "los_angeles"),
)


def _with_forms(slots: Sequence[Slot]) -> list[Slot]:
    """The requests filed with a supporter form: the screens read a supporter's values from the
    forms, so a supporter ring planted elsewhere would leave nothing to find."""
    return [slot for slot in slots if slot.has_declaration]


class FraudPlanter:
    """Takes whole households out of the honest pool and files them through rings."""

    def __init__(self, *, rng: random.Random, ids: Ids, desk: SponsorDesk) -> None:
        self.rng, self.ids, self.desk = rng, ids, desk
        self.rings: list[Ring] = []

    def plant(self, households: list[list[Slot]], budget: int) -> None:
        """Plant rings touching about `budget` requests, each over whole households."""
        rng = self.rng
        order = list(households)
        rng.shuffle(order)
        used: set[str] = set()
        carry = 0
        total_weight = sum(weight for weight, _ in PATTERNS.values())
        for pattern, (weight, (low, high)) in PATTERNS.items():
            share = carry + round(budget * weight / total_weight)
            if pattern == "reused_narrative":
                share = budget - sum(len(ring.records) for ring in self.rings)
            while share >= low:
                size = min(rng.randint(low, high), share)
                if share - size < low:
                    size = share
                # A ring of many people needs several households; a serial sponsor is one.
                largest = size if pattern == "serial_sponsor" else max(1, size // 2)
                members = self._take(
                    order, used, size, largest, supporter=pattern != "reused_narrative"
                )
                if not members:
                    break
                ring = self._ring(pattern, members)
                share -= len(ring.records)
            carry = share

    def _take(
        self,
        order: list[list[Slot]],
        used: set[str],
        size: int,
        largest: int,
        *,
        supporter: bool,
    ) -> list[Slot]:
        taken: list[Slot] = []
        for slots in order:
            if len(taken) >= size:
                break
            household = slots[0].household_id
            members = _with_forms(slots) if supporter else list(slots)
            too_many = len(members) > largest or len(taken) + len(members) > size + 2
            if household in used or not members or too_many:
                continue
            used.add(household)
            taken += members
        return taken

    def _ring(self, pattern: str, slots: list[Slot]) -> Ring:
        ring = Ring(ring_id=self.ids.next("ring"), pattern=pattern, shared={})
        planters: dict[str, Callable[[Ring, list[Slot]], None]] = {
            "serial_sponsor": self._serial_sponsor,
            "shared_phone": self._shared_phone,
            "shared_address": self._shared_address,
            "shared_ssn": self._shared_ssn,
            "reused_narrative": self._reused_narrative,
        }
        planters[pattern](ring, slots)
        ring.records = [slot.record_id for slot in slots]
        self.rings.append(ring)
        return ring

    def _by_household(self, slots: list[Slot]) -> list[list[Slot]]:
        groups: dict[str, list[Slot]] = {}
        for slot in slots:
            groups.setdefault(slot.household_id, []).append(slot)
        return list(groups.values())

    def _back(self, ring: Ring, slots: list[Slot], sponsor: Sponsor, *, ip: str = "") -> None:
        for slot in slots:
            variations = ("typo",) if self.rng.random() < 0.15 else ()
            slot.supports = [
                Support(sponsor, self.rng.choice(("friend", "none")), ip or sponsor.ip, variations)
            ]
        if sponsor.human.entity_id not in ring.sponsors:
            ring.sponsors.append(sponsor.human.entity_id)

    def _serial_sponsor(self, ring: Ring, slots: list[Slot]) -> None:
        rng = self.rng
        population = slots[0].beneficiary.population
        sponsor = self.desk.sponsor(
            self.desk.resident(population if population in POPULATIONS else "american")
        )
        sponsor.annual_income_usd = rng.randint(18, 45) * 1000
        sponsor.household_size = rng.randint(1, 3)
        sponsor.pledges_declared = rng.randint(0, 3)
        ip = places.ip_address(rng)
        for slot in slots:
            self._back(ring, [slot], sponsor, ip=ip if rng.random() < 0.8 else sponsor.ip)
        ring.shared = {"supporter_entity": sponsor.human.entity_id, "ip": ip}

    def _shared_phone(self, ring: Ring, slots: list[Slot]) -> None:
        rng = self.rng
        city = weighted(rng, {"miami": 2, "houston": 1, "orlando": 1})
        phone = places.us_phone(rng, city)
        for household in self._by_household(slots):
            written = phone if rng.random() < 0.5 else places.reformat_phone(phone, rng)
            human = self.desk.resident(
                household[0].beneficiary.population, city=city, phone=written
            )
            self._back(ring, household, self.desk.sponsor(human))
        ring.shared = {"phone": phone}

    def _shared_address(self, ring: Ring, slots: list[Slot]) -> None:
        rng = self.rng
        line1, unit, city = rng.choice(_SITES)
        base = places.us_address(rng, city)
        number = rng.randint(1, 400)
        for household in self._by_household(slots):
            unit_number = number if rng.random() < 0.7 else rng.randint(1, 400)
            address = places.Address(
                line1, base.city, base.region, base.postcode, "US", unit.format(n=unit_number)
            )
            human = self.desk.resident(
                household[0].beneficiary.population, city=city, address=address
            )
            self._back(ring, household, self.desk.sponsor(human))
        ring.shared = {"address": f"{line1}, {base.city}, {base.region} {base.postcode}"}

    def _shared_ssn(self, ring: Ring, slots: list[Slot]) -> None:
        ssn = places.ssn(self.rng)
        for household in self._by_household(slots):
            human = self.desk.resident(household[0].beneficiary.population)
            human.ssn = ssn if self.rng.random() < 0.5 else ssn.replace("-", "")
            self._back(ring, household, self.desk.sponsor(human))
        ring.shared = {"ssn": ssn.replace("-", "")}

    def _reused_narrative(self, ring: Ring, slots: list[Slot]) -> None:
        text = ring_script(self.rng)
        for slot in slots:
            slot.narrative = text if self.rng.random() < 0.7 else near_copy(self.rng, text)
        ring.shared = {"narrative": text}
