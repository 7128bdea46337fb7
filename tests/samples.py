"""Small sample files shared by several test modules."""

GOOD_BRIEFING = """\
---
title: Talks resume in Brussels
date: 2023-05-14
region: Armenia
actors: [Nikol Pashinyan]
source:
  name: Reuters
  url: https://www.reuters.com/world/example
---
The leaders met for talks.
"""
