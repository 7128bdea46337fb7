"""Briefing Archive: compiles curated conflict briefings into a static site.

Imports: the top-level modules (`cli`, `pipeline`, `serve`, `report`) wire the packages below
together; see the README's design notes for what each package owns and may import.
"""

__version__ = "0.1.0"
