"""`python -m stagelint`."""

from stagelint.cli import main

main()
