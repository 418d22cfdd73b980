"""Tests read what the configured console log handler (settings.LOGGING) writes."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def console_output() -> Iterator[io.StringIO]:
    """The console handler writes into the yielded buffer inside the block."""
    handler = next(h for h in logging.getLogger().handlers if isinstance(h, logging.StreamHandler))
    written = io.StringIO()
    # Swapped without setStream, which flushes the old stream: an earlier test that captured
    # the console may have left a closed one behind.
    previous, handler.stream = handler.stream, written
    try:
        yield written
    finally:
        handler.stream = previous
