"""`python -m stagelint`."""

from stagelint.launch import main

main()
