"""The parallel-work policy (generator/workers.py): one helper mechanism, one picking rule."""

from __future__ import annotations

import functools
import os
import threading

import pytest

from generator import workers
from generator.workers import Helper, HelperFailed


def _square(value: int) -> int:
    return value * value


def _fail(message: str) -> None:
    raise ValueError(message)


def _die() -> None:
    os._exit(3)


def test_a_helper_returns_its_value_forked_or_spawned() -> None:
    # A closure: only a fork runs it. Asked for by name: in the whole suite other threads
    # run (a served site, the browser), and "auto" would spawn.
    forked = Helper(lambda: [_square(n) for n in range(5)], start="fork")
    spawned = Helper(functools.partial(_square, 12), start="spawn")
    assert spawned.method == "spawn"
    assert forked.result() == [0, 1, 4, 9, 16]
    assert spawned.result() == 144


def test_a_helper_is_spawned_while_another_thread_runs() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        helper = Helper(functools.partial(_square, 3))
    finally:
        stop.set()
        other.join()
    assert helper.method == "spawn"
    assert helper.result() == 9


def test_the_helpers_error_is_raised_in_the_build_and_a_death_is_named() -> None:
    with pytest.raises(ValueError, match="bad file"):
        Helper(functools.partial(_fail, "bad file")).result()
    with pytest.raises(HelperFailed, match="stopped"):
        Helper(_die).result()


def test_a_helper_still_working_is_stopped() -> None:
    stop = threading.Event()
    helper = Helper(functools.partial(stop.wait, 60), start="fork")  # an Event does not pickle
    helper.stop()
    assert not helper._process.is_alive()


@pytest.mark.parametrize("split", [workers.LOADING, workers.PLANNING, workers.RENDERING],
                         ids=lambda s: s.phase)
def test_each_split_takes_a_stable_share_near_its_figure(split: workers.Split) -> None:
    paths = [workers.briefing_path(f"briefing-{n}") for n in range(4000)]
    taken = [path for path in paths if split.helper_takes(path)]
    assert abs(len(taken) / len(paths) * 100 - split.helper_share) < 3
    assert taken == [path for path in paths if split.helper_takes(path)]
    assert not split.worth(split.worth_from - 1)
