"""Maps and charts as inline SVG computed at build time: the country shapes (Natural Earth,
checked in with its source), projections, the region maps and the activity charts. Imports
`generator.content` and `generator.site`, never the page HTML or the engine."""
