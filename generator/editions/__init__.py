"""The offline editions built from a rendered site: the file:// zip bundle. Imports anything
below the top level (`generator.pipeline` included)."""
