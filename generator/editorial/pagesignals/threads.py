"""A thread copied from a social network: numbered posts by one author are one article.

A thread's posts open with their place in it ("1/", "2/", "3/12") and sit between the
author's name, handle, a time and bare counts of views and likes. Where a page holds three
or more such posts numbered 1, 2, 3 in order, the posts are the article's paragraphs, and
what stands between them is furniture that interrupts the article without ending it (as a
live blog's timed posts are one article). Replies below carry no number and stay out.
"""

from __future__ import annotations

import re
from itertools import pairwise

_POST_NUMBER = re.compile(r"^(\d{1,2})/(?:\d{1,2})?\s+\S")
_FEWEST = 3


def thread_posts(lines: list[str]) -> tuple[list[int], set[int]]:
    """The indexes of a thread's numbered posts, in order, and of the lines between them
    (both empty where the page holds no thread of three or more posts)."""
    posts: list[int] = []
    for index, line in enumerate(lines):
        match = _POST_NUMBER.match(line)
        if match and int(match.group(1)) == len(posts) + 1:
            posts.append(index)
    if len(posts) < _FEWEST:
        return [], set()
    between = {i for first, last in pairwise(posts) for i in range(first + 1, last)}
    return posts, between
