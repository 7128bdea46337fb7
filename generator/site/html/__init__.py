"""Page HTML, ready and escaped: briefing, actor and region pages, listings, the overviews and
the finder page. Imports `generator.content`, `generator.site` and `generator.site.data`."""
