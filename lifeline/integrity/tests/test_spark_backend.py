"""The trained linkage model on Spark (local mode) gives the same people as on DuckDB."""

from __future__ import annotations

import os
import shutil

import pytest

pytest.importorskip("pyspark", reason="pyspark is a development dependency (requirements/dev)")

from lifeline.generation.integrity_people import PERSON_FIELDS, generate_people
from lifeline.integrity.identity.evaluation import pairwise_scores
from lifeline.integrity.identity.features import person_features
from lifeline.integrity.identity.linkage import resolve

pytestmark = [
    pytest.mark.spark,
    pytest.mark.skipif(
        shutil.which("java") is None and not os.environ.get("JAVA_HOME"),
        reason="Spark needs Java 17 (Debian package openjdk-17-jre-headless)",
    ),
]


def _pairs(resolution) -> dict[tuple[int, int], float]:
    table = resolution.pairs.to_pydict()
    keys = zip(table["unique_id_l"], table["unique_id_r"], strict=True)
    return dict(zip(keys, table["match_probability"], strict=True))


def test_spark_resolution_equals_duckdb_resolution(tmp_path_factory):
    from lifeline.integrity.identity.spark_backend import local_session, resolve_on_spark

    records, truth_of = generate_people(1000, seed=7)  # an evaluation seed
    columns = {f: [r[f] for r in records] for f in PERSON_FIELDS if f != "record_id"}
    truth = [truth_of[r["record_id"]] for r in records]
    features = person_features(columns)
    on_duckdb = resolve(features)

    spark = local_session(tmp_path_factory.mktemp("spark"), cores=1, shuffle_partitions=1)
    try:
        on_spark = resolve_on_spark(spark, features)
    finally:
        spark.stop()

    duckdb_pairs, spark_pairs = _pairs(on_duckdb), _pairs(on_spark)
    assert len(duckdb_pairs) > 100  # the sample has real duplicates to find
    only_duckdb = sorted(set(duckdb_pairs) - set(spark_pairs))
    only_spark = sorted(set(spark_pairs) - set(duckdb_pairs))
    assert (only_duckdb, only_spark) == ([], []), "the two backends linked different pairs"
    assert all(abs(duckdb_pairs[k] - spark_pairs[k]) < 1e-9 for k in duckdb_pairs)
    assert on_spark.candidate_pairs == on_duckdb.candidate_pairs
    same = pairwise_scores(list(on_spark.cluster_of_row), list(on_duckdb.cluster_of_row))
    assert (same.precision, same.recall) == (1.0, 1.0)
    assert pairwise_scores(list(on_spark.cluster_of_row), truth).precision >= 0.99
