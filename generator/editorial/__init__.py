"""Tools for editors: `briefings new`, `briefings ingest` and its helpers, checking a pull
request's changed files. Imports `generator.content` only."""
