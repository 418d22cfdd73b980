"""The `integrity` command: resolve and rings on CSV and Parquet files, and bad input."""

import csv
import json
import re
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from django.core.management import CommandError, call_command

from lifeline.generation.integrity_forms import FORM_COLUMNS, generate_forms
from lifeline.generation.integrity_people import PERSON_FIELDS, generate_people


def _write_csv(path, header, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def people_csv(tmp_path):
    records, _ = generate_people(300, seed=41)
    header = ["person", "first", "last", *PERSON_FIELDS[3:]]
    return _write_csv(
        tmp_path / "people.csv", header, [[r[f] for f in PERSON_FIELDS] for r in records]
    )


def _read(path):
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_resolve_writes_one_row_per_record_with_the_id_column_first(people_csv, tmp_path):
    out = tmp_path / "clusters.csv"
    call_command(
        "integrity", "resolve", "--input", str(people_csv), "--output", str(out),
        "--id-column", "person", "--map", "given_name=first", "--map", "family_name=last",
    )  # fmt: skip
    rows = _read(out)
    assert len(rows) == 300
    assert list(rows[0]) == ["person", "cluster_id"]
    assert len({r["cluster_id"] for r in rows}) < 300


def test_resolve_reads_parquet_and_writes_parquet(tmp_path):
    records, _ = generate_people(100, seed=42)
    source = tmp_path / "people.parquet"
    pq.write_table(pa.Table.from_pylist(records), source)
    out = tmp_path / "clusters.parquet"
    call_command("integrity", "resolve", "--input", str(source), "--output", str(out),
                 "--id-column", "record_id")  # fmt: skip
    assert pq.read_table(out).column_names == ["record_id", "cluster_id"]


def test_rings_flags_forms_with_ring_ids_rule_codes_and_scores(tmp_path):
    rows, _ = generate_forms(150, seed=43, n_rings=3, n_families=2, n_hub_supporters=10)
    source = _write_csv(
        tmp_path / "forms.csv", FORM_COLUMNS, [[r[c] for c in FORM_COLUMNS] for r in rows]
    )
    out, evidence = tmp_path / "rings.csv", tmp_path / "evidence.json"
    call_command("integrity", "rings", "--input", str(source), "--output", str(out),
                 "--id-column", "form_id", "--evidence", str(evidence))  # fmt: skip
    flagged = _read(out)
    assert flagged
    assert list(flagged[0]) == ["form_id", "ring_id", "rule_codes", "score"]
    assert all(0 < float(r["score"]) <= 1 for r in flagged)
    assert evidence.read_text().startswith("{")


def test_ring_evidence_masks_ssns_with_a_lookup_hash_and_shows_bank_accounts_only_hashed(tmp_path):
    rows, _ = generate_forms(150, seed=43, n_rings=3, n_families=2, n_hub_supporters=10)
    source = _write_csv(
        tmp_path / "forms.csv", FORM_COLUMNS, [[r[c] for c in FORM_COLUMNS] for r in rows]
    )
    evidence = tmp_path / "evidence.json"
    call_command("integrity", "rings", "--input", str(source), "--output",
                 str(tmp_path / "rings.csv"), "--id-column", "form_id",
                 "--evidence", str(evidence))  # fmt: skip
    signals = [s for ring in json.loads(evidence.read_text())["rings"].values() for s in ring]
    sealed = [s for s in signals if s["kind"] in {"ssn", "bank_account"}]
    assert sealed, "the generated forms should share an SSN or a bank account"
    for signal in sealed:
        if signal["kind"] == "ssn":
            assert re.fullmatch(r"SSN ending \d{4}", signal["value"])
            assert re.fullmatch(r"[0-9a-f]{64}", signal["value_index"])
        else:  # the run hashed the account before joining: no digits of it are left to show
            assert signal["value"] == "bank account (keyed hash)"
            assert "value_index" not in signal
    numbers = {r[c] for r in rows for c in ("supporter_ssn", "supporter_bank_account") if r[c]}
    text = evidence.read_text()
    assert not [number for number in numbers if len(number) >= 6 and number in text]


@pytest.mark.parametrize(
    ("content", "arguments", "message"),
    [
        ("id,a\n1,2,3\n", ["--id-column", "id"], "Cannot read"),
        ("id,first\n1,Ann\n", ["--id-column", "id", "--map", "shoe_size=first"], "Unknown field"),
        ("id,first\n1,Ann\n", ["--id-column", "id", "--map", "given_name=nope"], "not in the file"),
        ("id,first\n1,Ann\n", ["--id-column", "pid"], "id column"),
        ("id,first\n1,Ann\n1,Bob\n", ["--id-column", "id", "--map", "given_name=first"], "unique"),
        ("id,first\n", ["--id-column", "id", "--map", "given_name=first"], "no rows"),
        ("id,first\n1,Ann\n", ["--id-column", "id", "--map", "given_name=first"], "family_name"),
        ("id,first\n1,Ann\n", ["--id-column", "id", "--map", "given_name"], "FIELD=COLUMN"),
    ],
)
def test_bad_input_is_refused_with_exit_code_two(tmp_path, content, arguments, message):
    source = tmp_path / "in.csv"
    source.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message) as caught:
        call_command("integrity", "resolve", "--input", str(source),
                     "--output", str(tmp_path / "out.csv"), *arguments)  # fmt: skip
    assert caught.value.returncode == 2
    assert not (tmp_path / "out.csv").exists()


def test_a_missing_file_and_a_corrupt_parquet_file_are_refused(tmp_path):
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"not parquet")
    for source in (tmp_path / "missing.csv", broken):
        with pytest.raises(CommandError) as caught:
            call_command("integrity", "rings", "--input", str(source),
                         "--output", str(tmp_path / "o.csv"), "--id-column", "id")  # fmt: skip
        assert caught.value.returncode == 2


def test_the_lifeline_front_lists_the_command_and_exits_two_on_an_unknown_field(tmp_path):
    listing = subprocess.run([sys.executable, "-m", "lifeline.cli", "--help"],
                             capture_output=True, text=True, check=True)  # fmt: skip
    assert "integrity" in listing.stdout
    source = tmp_path / "in.csv"
    source.write_text("id,first\n1,Ann\n", encoding="utf-8")
    run = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "lifeline.cli", "integrity", "rings", "--input", str(source),
         "--output", str(tmp_path / "o.csv"), "--id-column", "id", "--map", "colour=first"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 2
    assert "Unknown field 'colour'" in run.stderr
    assert "Traceback" not in run.stderr
