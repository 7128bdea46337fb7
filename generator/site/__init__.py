"""What the archive becomes. This level: the index, routes and output paths, the planned
outputs; below it `data`, `html` and `plan`. Imports `generator.content`, never the engine."""
