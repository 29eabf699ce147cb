"""The checklist catalogue as data: each version's content in a file beside this module
(`v1.yaml`, `v2.yaml`, …), imported as a draft that goes through the publish checks.

`content` describes a version as plain data and fingerprints it, `files` reads and writes the
data files, `importer` turns a file into a draft and installs the shipped versions.
"""

from pathlib import Path

SHIPPED_DIR = Path(__file__).resolve().parent


def shipped_files() -> list[Path]:
    """The version files shipped with the code, in the order of their names (v1, v2, …)."""
    return sorted(SHIPPED_DIR.glob("v*.yaml"), key=lambda path: int(path.stem[1:]))
