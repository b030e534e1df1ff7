"""``jdpillars --help`` and ``--version`` start without the heavy libraries: importing the CLI
(every command registered) must not import spaCy, scikit-learn or numpy."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("spacy", "sklearn", "numpy")
PROBE = """
import sys
sys.argv = ["jdpillars", *{args!r}]
try:
    from jdpillars.cli import main
    main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
heavy = sorted(m for m in {heavy!r} if m in sys.modules)
print("HEAVY:" + ",".join(heavy), file=sys.stderr)
sys.exit(code)
"""


def run(*args: str) -> subprocess.CompletedProcess[str]:
    code = PROBE.format(args=list(args), heavy=HEAVY)
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )


def test_importing_the_cli_loads_no_heavy_module() -> None:
    code = f"import sys, jdpillars.cli; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == ""


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--version"],
        ["classify", "--help"],
        ["questions", "--help"],
        ["compare", "--help"],
        ["fit", "--help"],
    ],
)
def test_help_and_version_load_no_heavy_module(args: list[str]) -> None:
    done = run(*args)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()
    assert "HEAVY:\n" in done.stderr or done.stderr.rstrip().endswith("HEAVY:")
