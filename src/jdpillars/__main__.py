"""`python -m jdpillars`: the same as the `jdpillars` command."""

from jdpillars.cli import main

main()
