"""Archived copies: the Wayback Machine's availability API for the snapshot closest to a
source's publication, and Save Page Now 2 for a capture where there is none.

Availability (no key needed): ``GET {endpoint}?url=URL&timestamp=YYYYMMDD`` answers
``{"archived_snapshots": {"closest": {"available": true, "url": ..., "timestamp": ...,
"status": "200"}}}``, or ``{"archived_snapshots": {}}`` where there is no copy. Save Page Now
2 (an archive.org account's S3-like keys, from the environment): ``POST {save}`` with
``Authorization: LOW access:secret`` and ``Accept: application/json`` answers
``{"url": ..., "job_id": "spn2-..."}``; the job is recorded, its capture found by a later
availability check.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from generator.editorial.sources.fetch import Client

AVAILABILITY = "https://archive.org/wayback/available"
SAVE = "https://web.archive.org/save"
ACCESS, SECRET = "WAYBACK_ACCESS_KEY", "WAYBACK_SECRET_KEY"


@dataclass(frozen=True)
class Snapshot:
    url: str
    timestamp: str
    status: str = "200"  # the capture's HTTP status, as the API reports it


class NoCredentials(Exception):
    """--save without both keys in the environment."""


def credentials() -> tuple[str, str]:
    access, secret = os.environ.get(ACCESS, ""), os.environ.get(SECRET, "")
    if not (access and secret):
        raise NoCredentials(f"--save needs an archive.org account's keys in ${ACCESS} and "
                            f"${SECRET} (https://archive.org/account/s3.php)")
    return access, secret


def closest(client: Client, endpoint: str, url: str, when: date | None) -> Snapshot | None:
    """The snapshot closest to ``when`` (the newest without a date), or None; ValueError
    if the endpoint gave no answer one can read (the lookup is tried again next run)."""
    query = {"url": url, **({"timestamp": when.strftime("%Y%m%d")} if when else {})}
    answer = client.request("GET", f"{endpoint}?{urlencode(query)}",
                            headers={"Accept": "application/json"})
    if answer.error or answer.status != 200:
        raise ValueError(answer.error or f"status {answer.status}")
    try:
        found = json.loads(answer.body).get("archived_snapshots", {}).get("closest") or {}
    except (json.JSONDecodeError, AttributeError):
        raise ValueError("not the availability API's JSON") from None
    if not (isinstance(found, dict) and found.get("available") and str(found.get("status"))
            .startswith(("2", "3")) and isinstance(found.get("url"), str)):
        return None
    address = found["url"].replace("http://web.archive.org/", "https://web.archive.org/", 1)
    return Snapshot(address, str(found.get("timestamp", "")), str(found["status"]))


def save(client: Client, endpoint: str, url: str, keys: tuple[str, str]) -> str:
    """Ask Save Page Now 2 for a capture of ``url``; its job id (ValueError if refused)."""
    answer = client.request("POST", endpoint, body=urlencode({"url": url}).encode(), headers={
        "Accept": "application/json", "Authorization": f"LOW {keys[0]}:{keys[1]}",
        "Content-Type": "application/x-www-form-urlencoded"})
    if answer.error or answer.status != 200:
        raise ValueError(answer.error or f"status {answer.status}")
    try:
        job = json.loads(answer.body).get("job_id")
    except (json.JSONDecodeError, AttributeError):
        raise ValueError("not Save Page Now's JSON") from None
    if not isinstance(job, str) or not job:
        raise ValueError("no job id in the answer")
    return job
