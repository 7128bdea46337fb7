"""Data files: Atom feeds, briefings.json/.csv and the sitemap, the search index, the finder's
data, and each briefing's cached records. Imports `generator.content` and `generator.site`."""
