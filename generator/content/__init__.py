"""The content model and reading an archive: strict YAML, front matter, schema, bodies,
registries, loading and its cache. Imports nothing else of the generator."""
