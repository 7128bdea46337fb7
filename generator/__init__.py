"""Briefing Archive: compiles curated conflict briefings into a static site."""

__version__ = "0.1.0"
