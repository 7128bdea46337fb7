"""Running many checks at once without hammering anyone: one lane of work per host, at
most one request in flight per host, hosts whose next turn comes soonest served first,
and no request started that could end after the run's budget.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

from generator.editorial.sources.fetch import OutOfTime, Pacer


@dataclass(frozen=True)
class Task:
    """One piece of work: ``lane`` is the host it asks, ``kind`` and ``url`` say what."""

    lane: str
    kind: str
    url: str
    work: Callable[[], Any]


class Scheduler:
    """Runs tasks on ``workers`` threads; :meth:`results` yields each task with its result
    as it ends (tasks may be added meanwhile). Tasks left when time runs out, or cut off
    by it (:class:`OutOfTime`), are counted in ``left`` and never yielded."""

    def __init__(self, pacer: Pacer, workers: int, deadline: float, cost: float) -> None:
        self.pacer = pacer
        self.workers = workers
        self.deadline = deadline
        self.cost = cost  # the least time a request needs: none starts with less left
        self.lanes: dict[str, deque[Task]] = {}
        self.left: dict[str, int] = {}

    def add(self, task: Task) -> None:
        self.lanes.setdefault(task.lane, deque()).append(task)

    def results(self) -> Iterator[tuple[Task, Any]]:
        running: dict[Future[Any], Task] = {}
        busy: set[str] = set()
        with ThreadPoolExecutor(self.workers, thread_name_prefix="sources") as pool:
            while True:
                if self.pacer.clock() + self.cost <= self.deadline:
                    ready = sorted((lane for lane, queue in self.lanes.items()
                                    if queue and lane not in busy), key=self.pacer.ready_at)
                    for lane in ready[:self.workers - len(running)]:
                        task = self.lanes[lane].popleft()
                        busy.add(lane)
                        running[pool.submit(task.work)] = task
                else:
                    self._give_up()
                if not running:
                    self._give_up()
                    return
                done, _ = wait(running, timeout=0.5, return_when=FIRST_COMPLETED)
                for future in done:
                    task = running.pop(future)
                    busy.discard(task.lane)
                    try:
                        result = future.result()
                    except OutOfTime:
                        self.left[task.kind] = self.left.get(task.kind, 0) + 1
                        continue
                    yield task, result

    def _give_up(self) -> None:
        for queue in self.lanes.values():
            for task in queue:
                self.left[task.kind] = self.left.get(task.kind, 0) + 1
            queue.clear()
