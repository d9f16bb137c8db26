"""Record the golden outputs of :mod:`tests.golden.cases` (run once, on main before a change
that must keep results): ``python tests/golden/record.py [CASE ...]``."""

from __future__ import annotations

import gzip
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from tests.golden.cases import CASES  # noqa: E402
from tests.golden.compare import run_case  # noqa: E402

LARGE = 500_000
"""Files above this many bytes are stored gzipped."""


def main(names: list[str]) -> None:
    data = HERE / "data"
    for name in names or list(CASES):
        with tempfile.TemporaryDirectory() as tmp:
            produced = run_case(name, Path(tmp))
            target = data / name
            shutil.rmtree(target, ignore_errors=True)
            for relative, path in produced.items():
                (target / relative).parent.mkdir(parents=True, exist_ok=True)
                if path.stat().st_size > LARGE:
                    with path.open("rb") as source, gzip.open(target / f"{relative}.gz", "wb", 9) as sink:
                        shutil.copyfileobj(source, sink)
                else:
                    shutil.copyfile(path, target / relative)
        print(f"recorded {name}")


if __name__ == "__main__":
    main(sys.argv[1:])
