#!/usr/bin/env python3
"""Regenerates units-2025.json, the official list of commune-level units in force since
1 July 2025, from the PyPI package vietnam-provinces (which carries the General Statistics
Office's list as JSON).

    pip install vietnam-provinces==2025.10.1
    python3 assets/units/convert.py > assets/units/units-2025.json

An optional argument names nested-divisions.json directly instead of the installed package.
Standard library only; the output is deterministic (sorted by code, one unit a line) so that
tests/it/units.rs can compare it byte for byte with the committed file.
"""

import json
import sys
from pathlib import Path

PACKAGE = "vietnam-provinces"
VERSION = "2025.10.1"
# The package's file holding the two-level list: provinces, each with its "wards" (every
# commune-level unit, whatever its kind, despite the key's name).
DATA_FILE = "nested-divisions.json"
IN_FORCE = "2025-07-01"
KINDS = {"xã": "xa", "phường": "phuong", "đặc khu": "dac_khu"}


def source_path():
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    from importlib import metadata

    found = metadata.version(PACKAGE)
    if found != VERSION:
        sys.exit(f"{PACKAGE} {found} is installed; this converter is pinned to {VERSION}")
    import vietnam_provinces

    return Path(vietnam_provinces.__file__).parent / "data" / DATA_FILE


def province_name(p):
    # Centrally-run cities carry "Thành phố" in their name already; provinces do not.
    if p["division_type"] == "tỉnh":
        return "Tỉnh " + p["name"]
    return p["name"]


def main():
    provinces = json.loads(source_path().read_text(encoding="utf-8"))
    dump = lambda v: json.dumps(v, ensure_ascii=False)
    out = ["{"]
    out.append(f'  "source": {dump("General Statistics Office (Tổng cục Thống kê) list of administrative units, as carried by the PyPI package " + PACKAGE + " " + VERSION + ", file " + DATA_FILE)},')
    out.append(f'  "package": {dump(PACKAGE + "==" + VERSION)},')
    out.append(f'  "in_force": {dump(IN_FORCE)},')
    # The list's own kind words, so that the engine keeps no list of unit kinds.
    out.append(f'  "kinds": {dump({v: k for k, v in KINDS.items()})},')
    out.append('  "provinces": [')
    provinces = sorted(provinces, key=lambda p: p["code"])
    for i, p in enumerate(provinces):
        out.append(f'    {{"code": "{p["code"]:02d}", "name": {dump(province_name(p))}, "units": [')
        units = sorted(p["wards"], key=lambda w: w["code"])
        for j, w in enumerate(units):
            kind = KINDS[w["division_type"]]
            comma = "," if j + 1 < len(units) else ""
            out.append(f'      ["{w["code"]:05d}", {dump(w["name"])}, "{kind}"]{comma}')
        out.append("    ]}" + ("," if i + 1 < len(provinces) else ""))
    out.append("  ]")
    out.append("}")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
