"""Planning the build tree: every output of a full build, or only those an edit changes, and
writing the tree. Imports `generator.content` and the rest of `generator.site`."""
