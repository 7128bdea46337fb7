"""`briefings sources`: checking every cited source, the three-failures rule, Wayback
copies and Save Page Now, proposed `archive:` edits, the editors' report of dead sources.
Imports `generator.content` and `generator.editorial` only."""
