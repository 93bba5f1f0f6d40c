"""A Jinja sandbox with limits: templates from many hands cannot hang or flood.

Jinja's immutable sandbox already refuses attribute tricks and mutation; on
top of it this module bounds what one render may cost: the size of strings and
lists built with ``*`` and ``+``, the size of the output, and the wall time
(checked between output chunks and, in the main thread, by an alarm).
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from jinja2.sandbox import ImmutableSandboxedEnvironment

# Limits for one document; a corpus report gets a per-document allowance on top.
MAX_OUTPUT_CHARS = 5_000_000
MAX_CHUNKS = 1_000_000  # output pieces: one per loop iteration that writes anything
MAX_VALUE_LENGTH = 1_000_000
MAX_SECONDS = 5.0
PER_DOCUMENT = {"chars": 200_000, "chunks": 5_000, "seconds": 0.2}


class TemplateLimitError(Exception):
    """A template went over one of the render limits."""


class LimitedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, with ``*``, ``**`` and ``+`` bounded in size."""

    intercepted_binops = frozenset(["*", "**", "+"])

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > 64:
            raise TemplateLimitError("exponent too large in template")
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(n, int) \
                        and len(seq) * n > MAX_VALUE_LENGTH:
                    raise TemplateLimitError(
                        f"template builds a value of {len(seq) * n} items (limit "
                        f"{MAX_VALUE_LENGTH})")
        if operator == "+" and isinstance(left, (str, list)) and isinstance(right, type(left)) \
                and len(left) + len(right) > MAX_VALUE_LENGTH:
            raise TemplateLimitError(f"template builds a value over {MAX_VALUE_LENGTH} items")
        return super().call_binop(context, operator, left, right)


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """Interrupt a render that runs too long (only possible in the main thread)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(
            signal, "setitimer"):
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        raise TemplateLimitError(f"template ran longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def render_limited(chunks: Iterator[str], documents: int = 1,
                   seconds: float | None = None) -> str:
    """Join a template's output chunks, stopping at the time and size limits."""
    extra = max(0, documents - 1)
    seconds = seconds or MAX_SECONDS + extra * PER_DOCUMENT["seconds"]
    max_chars = MAX_OUTPUT_CHARS + extra * int(PER_DOCUMENT["chars"])
    max_chunks = MAX_CHUNKS + extra * int(PER_DOCUMENT["chunks"])
    out: list[str] = []
    size = 0
    deadline = time.perf_counter() + seconds
    with _alarm(seconds):
        for chunk in chunks:
            size += len(chunk)
            if size > max_chars:
                raise TemplateLimitError(f"template output is over {max_chars} characters")
            if len(out) >= max_chunks:
                raise TemplateLimitError(f"template wrote over {max_chunks} pieces "
                                         "(a runaway loop?)")
            if time.perf_counter() > deadline:
                raise TemplateLimitError(f"template ran longer than {seconds:g} s")
            out.append(chunk)
    return "".join(out)
