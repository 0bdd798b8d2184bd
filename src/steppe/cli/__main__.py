"""`python -m steppe.cli`: the same command line as `steppe`."""

from steppe.cli import main

main()
