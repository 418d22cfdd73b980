"""Ring detection on generated forms with planted rings and hard negatives."""

from collections import defaultdict
from functools import cache

from lifeline.generation.integrity_forms import FORM_COLUMNS, generate_forms
from lifeline.integrity.normalise.identifiers import check_ssn
from lifeline.integrity.normalise.names import name_keys
from lifeline.integrity.rings.detection import detect_rings, identifier_table, resolve_supporters
from lifeline.integrity.rings.policy import RingPolicy, load_hub_values, normalise_value
from lifeline.integrity.rings.rules import combine, evidence_strength

FIELDS = [c for c in FORM_COLUMNS if c != "form_id"]
POLICY = RingPolicy(hub_values=load_hub_values())


@cache
def _detected():
    rows, truth = generate_forms(600, seed=31, n_rings=8, n_families=6, n_hub_supporters=45)
    report = detect_rings({f: [r[f] for r in rows] for f in FIELDS}, policy=POLICY)
    return rows, truth, report


def test_every_planted_ring_is_found():
    _, truth, report = _detected()
    forms_of = defaultdict(list)
    for row, t in enumerate(truth):
        if t.kind == "ring":
            forms_of[t.group].append(row)
    assert len(forms_of) == 8
    for ring_rows in forms_of.values():
        flagged = sum(row in report.ring_of_row for row in ring_rows)
        assert flagged >= 0.9 * len(ring_rows)


def test_clean_forms_are_rarely_flagged():
    _, truth, report = _detected()
    clean = [row for row, t in enumerate(truth) if t.kind == "clean"]
    assert sum(row in report.ring_of_row for row in clean) <= 0.005 * len(clean)


def test_big_families_and_shelter_clients_are_not_flagged():
    _, truth, report = _detected()
    hard = [row for row, t in enumerate(truth) if t.kind == "hard_negative"]
    assert len(hard) > 100
    assert not [row for row in hard if row in report.ring_of_row]


def test_each_ring_has_a_score_in_the_unit_interval_and_evidence():
    _, _, report = _detected()
    assert report.score_of_ring
    for ring_id, score in report.score_of_ring.items():
        assert 0 < score <= 1
        assert report.evidence_of_ring[ring_id]


def _form(i, *, phone, family, address="9 Elm Street, Miami, FL 33130", narrative=None):
    return {"supporter_given_name": f"Given{chr(65 + i % 26)}{i}", "supporter_family_name": family,
            "supporter_birth_date": f"19{50 + i % 40}-01-0{1 + i % 9}", "supporter_phone": phone,
            "supporter_address": address, "narrative": narrative}  # fmt: skip


def _run(forms, policy=POLICY):
    return detect_rings({k: [f[k] for f in forms] for k in forms[0]}, policy=policy)


def test_a_phone_shared_by_many_unrelated_supporters_is_the_signal():
    surnames = ["Smith", "Jones", "Brown", "Lee", "Khan", "Diaz", "Novak", "Moreau", "Rossi"]
    forms = [_form(i, phone="+17135550999", family=surnames[i % 9],
                   address=f"{i} Oak Road, Houston, TX 77002") for i in range(45)]  # fmt: skip
    report = _run(forms)
    assert len(report.ring_of_row) == 45
    assert all(codes == ["SHARED_PHONE"] for codes in report.rules_of_row.values())


def test_a_family_sharing_one_phone_and_address_is_not_a_ring():
    forms = [_form(i, phone="+17135550999", family="Kovalenko") for i in range(12)]
    assert _run(forms).ring_of_row == {}


def test_a_hub_value_does_not_join_unrelated_supporters():
    surnames = ["Smith", "Jones", "Brown", "Lee", "Khan", "Diaz", "Novak", "Moreau", "Rossi"]
    shelter = "1200 Hope Avenue, Chicago, IL 60616"
    forms = [_form(i, phone=f"+1713555{1000 + i}", family=surnames[i % 9], address=shelter)
             for i in range(30)]  # fmt: skip
    assert _run(forms).ring_of_row == {}
    without_hubs = _run(forms, RingPolicy())
    assert len(without_hubs.ring_of_row) == 30


def test_a_serial_sponsor_is_flagged_at_the_policy_threshold():
    forms = [_form(0, phone="+17135550999", family="Smith") for _ in range(19)]
    assert _run(forms).ring_of_row == {}
    forms.append(_form(0, phone="+17135550999", family="Smith"))
    assert set(_run(forms).rules_of_row[0]) == {"SERIAL_SPONSOR"}


def test_evidence_grows_stronger_with_count_and_combines_as_noisy_or():
    assert evidence_strength("SHARED_PHONE", count=5, threshold=5) == 0.6
    assert evidence_strength("SHARED_PHONE", count=50, threshold=5) > 0.98
    assert combine([0.5, 0.5]) == 0.75
    assert combine([]) == 0


def test_identifier_edges_are_normalised_once_per_distinct_value_with_the_same_keys():
    ips = ["10.0.0.7", " 10.0.0.7 ", "010.0.0.7", "::ffff:10.0.0.7", "2001:db8::1", "bad", None]
    phones = ["(713) 555-0999", "+1 713 555 0999", "000-000-0000", None, "", "713.555.0999", "x"]
    ssns = ["219-09-9999", "900-12-3456", "123-45-6789", None, "12", "219099999", "666-01-0001"]
    columns = {"supporter_ip": ips, "supporter_phone": phones, "supporter_ssn": ssns}
    table, invalid = identifier_table(columns, POLICY, b"k" * 32)
    expected = [(row, kind, value)
                for kind, column in (("ip", ips), ("phone", phones))
                for row, raw in enumerate(column)
                if (value := normalise_value(kind, raw)) is not None]  # fmt: skip
    checks = [check_ssn(raw) for raw in ssns]
    expected += [(row, "ssn", c.digits) for row, c in enumerate(checks)
                 if c.digits and "placeholder" not in c.problems]  # fmt: skip
    assert sorted(zip(*table.to_pydict().values(), strict=True)) == sorted(expected)
    assert invalid == [1, 6]


def test_households_come_from_each_supporters_first_form():
    forms = [_form(i % 3, phone="+17135550999", family=["García López", "Kovalenko", None][i % 3])
             for i in range(6)]  # fmt: skip
    columns = {k: [f[k] for f in forms] for k in forms[0]}
    supporter, household = resolve_supporters(columns, len(forms))
    surnames = [name_keys(name).tokens[0] for name in ("García López", "Kovalenko")]
    assert household[:3] == [*surnames, f"s{supporter[2]}"]
    assert household[3:] == household[:3] and list(supporter[3:]) == list(supporter[:3])
