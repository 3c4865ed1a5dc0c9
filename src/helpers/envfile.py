"""Keep environment.yml (conda) and requirements.lock (pip) listing the same pins.

``python -m helpers.envfile requirements.lock > environment.yml`` writes the conda file from the lock.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

_PIN = re.compile(r"^\s*(?:-\s*)?([A-Za-z0-9_.\-\[\]]+)==([^\s#;]+)")


def read_pins(path: str | Path) -> dict[str, str]:
    """``name==version`` lines of a lock or environment file, names normalised (PEP 503)."""
    pins = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        m = _PIN.match(line)
        if m:
            pins[re.sub(r"[-_.]+", "-", m.group(1)).lower()] = m.group(2)
    return pins


def environment_yml(lock: str | Path, python: str = "3.11") -> str:
    """The text of environment.yml for the pins in ``lock``."""
    lines = [
        "# conda env create -f environment.yml  (generated from requirements.lock by `make lock`)",
        "name: township-social-work-workbook",
        "channels:",
        "  - conda-forge",
        "dependencies:",
        f"  - python={python}",
        "  - pip",
        "  - pip:",
    ]
    lines += [f"      - {name}=={version}" for name, version in sorted(read_pins(lock).items())]
    lines.append("      - -e .")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    sys.stdout.write(environment_yml(sys.argv[1] if len(sys.argv) > 1 else "requirements.lock"))
