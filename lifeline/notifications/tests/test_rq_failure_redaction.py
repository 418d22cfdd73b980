"""A job that fails on the Redis worker pool leaves no identifier in Redis."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from redis import Redis
from redis.exceptions import ConnectionError as RedisUnavailable
from rq import Queue

from lifeline.notifications.rq_worker import RedactingWorker
from lifeline.programs.documents import PersonDocument

SSN = "123-45-67890"


def refuse_a_person() -> None:
    PersonDocument.model_validate({"given_name": "Olena", "ssn": SSN})  # the error repeats it


@pytest.fixture
def queue() -> Iterator[Queue]:
    connection = Redis.from_url("redis://127.0.0.1:6379/15")
    try:
        connection.ping()
    except RedisUnavailable:
        pytest.skip("no Redis server answers on 127.0.0.1:6379")
    queue = Queue(f"redaction-{uuid.uuid4().hex}", connection=connection)
    yield queue
    queue.delete(delete_jobs=True)
    queue.failed_job_registry.cleanup()


def test_the_redis_worker_stores_a_failed_jobs_traceback_without_the_identifier(queue) -> None:
    job = queue.enqueue(refuse_a_person)
    RedactingWorker([queue], connection=queue.connection).work(burst=True)
    job.refresh()
    assert job.is_failed
    stored = job.latest_result().exc_string
    assert "ValidationError" in stored and "input_value=[hidden]" in stored
    assert SSN not in stored
    keys = queue.connection.keys("rq:*")
    assert not [k for k in keys if queue.connection.type(k) == b"hash"
                and SSN.encode() in b"".join(queue.connection.hgetall(k).values())]  # fmt: skip
