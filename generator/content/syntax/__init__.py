"""The syntax of content files, knowing nothing of the model: strict YAML with line numbers and
its hints, the field kinds and how a table of them runs over a mapping, one-line text rules,
bounded "did you mean", plain Markdown bodies written without Python-Markdown. Imports nothing
else of ours."""
