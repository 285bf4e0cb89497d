"""stagelint's language server (`stagelint server`, `python -m stagelint.lsp`).

Diagnostics, quick fixes, "ignore for this instruction" and fix-all over the
Language Server Protocol, on pygls. pygls is an optional dependency
(`pip install 'stagelint[lsp]'`), so nothing outside this package imports
it, and this `__init__` imports nothing either: `stagelint check` never pays
for the server's start-up.

Modules:

* `textdoc`: the open documents and the conversion between Python string
  offsets and LSP positions (UTF-16 code units by default).
* `settings`: which documents are Containerfiles, the client's settings, and
  the configuration file of each document (re-read when it changes).
* `pragma`: the edit that adds or extends a `# stagelint: ignore=` comment.
* `convert`: stagelint diagnostics and edits as LSP objects.
* `actions`: the code actions for a document and a range.
* `server`: the pygls server, its handlers and `main()`.
"""
