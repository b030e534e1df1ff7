"""`python -m jdpillars.cli`: the same as the `jdpillars` command."""

from jdpillars.cli import main

main()
