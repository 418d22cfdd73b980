"""The person-linkage model on Spark: the DuckDB model's rules and trained values, via SparkAPI."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import pyarrow as pa
from pyspark.sql import DataFrame, SparkSession
from splink import Linker
from splink.backends.spark import SparkAPI, similarity_jar_location

from lifeline.integrity.identity.linkage import (
    MATCH_THRESHOLD,
    Resolution,
    cluster_rows,
    given_name_veto_sql,
    load_model,
    prior_for_size,
    with_blocking_columns,
)
from lifeline.integrity.identity.linkage_settings import model_settings

# Level values learnt in training; everything else (SQL, labels) is rendered for Spark.
_TRAINED_LEVEL_KEYS = (
    "m_probability", "u_probability", "tf_adjustment_column", "tf_adjustment_weight",
    "tf_minimum_u_value",
)  # fmt: skip


def local_session(work_dir: Path, *, cores: int = 1, shuffle_partitions: int = 4) -> SparkSession:
    """A local Spark session with Splink's similarity functions (the jar in Splink's wheel),
    no web UI, bound to the loopback interface, and every scratch directory under `work_dir`."""
    work_dir.mkdir(parents=True, exist_ok=True)
    java_tmp = work_dir / "java-tmp"
    java_tmp.mkdir(exist_ok=True)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    java_options = (
        f"-Djava.io.tmpdir={java_tmp} -Dderby.system.home={work_dir / 'derby'}"
        " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"  # short jobs: quick JIT, one GC thread
    )
    session = (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("lifeline-integrity")
        .config("spark.jars", similarity_jar_location())
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", str(shuffle_partitions))
        .config("spark.default.parallelism", str(shuffle_partitions))
        .config("spark.local.dir", str(work_dir / "local"))
        .config("spark.sql.warehouse.dir", str(work_dir / "warehouse"))
        .config("spark.driver.extraJavaOptions", java_options)
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    session.sparkContext.setCheckpointDir(str(work_dir / "checkpoints"))
    return session


def spark_settings(n_records: int, model: dict[str, Any] | None = None) -> dict[str, Any]:
    """The trained model for Spark: its comparisons rendered in Spark SQL from the same
    definitions, carrying the trained m, u and term-frequency values level by level; its
    blocking rules as saved (Splink translates them from DuckDB SQL); the prior for
    `n_records` as on DuckDB."""
    trained = model or load_model()
    settings = model_settings().create_settings_dict("spark")
    for comparison, fitted in zip(settings["comparisons"], trained["comparisons"], strict=True):
        if comparison["output_column_name"] != fitted["output_column_name"]:
            raise ValueError(f"Trained model does not fit: {fitted['output_column_name']!r}.")
        levels = zip(comparison["comparison_levels"], fitted["comparison_levels"], strict=True)
        for level, fitted_level in levels:
            if level["label_for_charts"] != fitted_level["label_for_charts"]:
                raise ValueError(f"Trained level does not fit: {fitted_level['label_for_charts']}.")
            level.update({k: fitted_level[k] for k in _TRAINED_LEVEL_KEYS if k in fitted_level})
    settings["blocking_rules_to_generate_predictions"] = [
        rule if isinstance(rule, dict) else {"blocking_rule": rule, "sql_dialect": "duckdb"}
        for rule in trained["blocking_rules_to_generate_predictions"]
    ]
    settings["linker_uid"] = trained["linker_uid"]
    settings["probability_two_random_records_match"] = prior_for_size(trained, n_records)
    settings["retain_intermediate_calculation_columns"] = True  # the veto reads mw_given_name
    return settings


def feature_frame(spark: SparkSession, features: pa.Table) -> DataFrame:
    """The feature table in Spark, with the blocking-only identifier copies the DuckDB path
    adds (`with_blocking_columns`), so both backends block on the same values."""
    return spark.createDataFrame(with_blocking_columns(features)).persist()


def resolve_on_spark(
    spark: SparkSession, features: pa.Table, *, threshold: float = MATCH_THRESHOLD
) -> Resolution:
    """Resolve every row of a feature table to a person cluster, scoring pairs on Spark;
    the family veto and the clustering are the DuckDB path's own."""
    settings = spark_settings(features.num_rows)
    db_api = SparkAPI(spark_session=spark, break_lineage_method="persist")  # type: ignore[no-untyped-call]  # splink leaves it unannotated
    frame = feature_frame(spark, features)
    try:
        linker = Linker(
            db_api.register(frame, table_name="people_input"), settings, log_level=logging.WARNING
        )
        predictions = linker.inference.predict(threshold_match_probability=threshold)
        table = predictions.physical_name
        veto = given_name_veto_sql(linker._settings_obj.as_dict())  # type: ignore[no-untyped-call]  # splink leaves it unannotated
        kept = spark.sql(
            f"SELECT unique_id_l, unique_id_r, match_probability FROM {table} WHERE NOT ({veto})"  # noqa: S608
        ).toArrow()
        candidates = spark.sql(f"SELECT count(*) AS n FROM {table}").collect()[0]["n"]  # noqa: S608
    finally:
        db_api.delete_tables_created_by_splink_from_db()  # type: ignore[no-untyped-call]  # splink leaves it unannotated
        spark.catalog.dropTempView("people_input")
        spark.catalog.clearCache()
    return Resolution(
        cluster_of_row=cluster_rows(features.num_rows, kept),
        pairs=kept,
        candidate_pairs=int(candidates),
    )
