"""`python -m claimtrack …` is the `claimtrack` command."""
from claimtrack.flows.terminal.cli import main

main()
