"""The only code that knows MkDocs: render the build tree, the speed-only hook, the CSP check,
the atomic swap and the preview server. Imports `generator.content` and `generator.site`."""
