"""`python -m stagelint.lsp`: serve the Language Server Protocol over stdio."""

from stagelint.lsp.server import main

if __name__ == "__main__":
    main()
