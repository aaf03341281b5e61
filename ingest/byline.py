"""The page's author as trafilatura's byline search finds it, in one pass over the tree and no copy of it.

trafilatura's ``extract_author`` (run when neither the ``<meta>`` tags nor the JSON-LD name an
author) copies the whole tree, deletes the comment sections, sidebars, quotes, ``<time>`` and
``<figure>`` elements from the copy (``AUTHOR_DISCARD_XPATHS``), then evaluates three XPath
expressions (``AUTHOR_XPATHS``, most specific first) and takes the first match whose text is 3 to
119 characters long. On the 290 real pages of the benchmark corpus that was 13% of the cleaning:
libxml2 walks the tree five times, testing each element's attributes against regular expressions
through Python callbacks.

:func:`find_author` gives the same answer from one walk in Python: it sorts the elements into the
three expressions' candidates (same tests, same regular expressions, document order), skips a
candidate that the pruning would have deleted (itself or an ancestor matches the discard tests;
the root is never deleted), and takes a candidate's text as it reads after the pruning: only when
a discarded element lies inside it is that subtree copied and pruned, with trafilatura's own
``delete_element`` in the same order. ``tests/ingest/test_byline.py`` pins the expressions this
mirrors (a change in trafilatura's fails it) and compares both on pages built to hit every test.
One difference is accepted: the XPath's ``rel='me'`` (a child *element* named ``rel``) is read
before the pruning, not after.
"""

from __future__ import annotations

import re
from copy import deepcopy

from lxml.etree import _Element
from trafilatura.json_metadata import normalize_authors
from trafilatura.utils import trim
from trafilatura.xml import delete_element

AUTHOR_MAX_CHARS = 120  # extract_author's len_limit: a longer match is a paragraph, not a byline

# AUTHOR_XPATHS[0]: //*[self::a or ... or self::strong][...] | //author
_SPECIFIC_TAGS = frozenset(("a", "address", "div", "link", "p", "span", "strong"))
_SPECIFIC_CLASS = re.compile("author-?name|AuthorName|authorName")
_TEST_IDS = ("AuthorCard", "AuthorURL")
# AUTHOR_XPATHS[1]
_GENERIC_TAGS = frozenset(("a", "div", "h3", "h4", "p", "span"))
_GENERIC_CLASSES = frozenset(("byline", "username", "byl", "BBL"))
_GENERIC_ID = re.compile("author|zuozhe|bianji|xiaobian")
_GENERIC_CLASS = re.compile("author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name")
# AUTHOR_XPATHS[2]: any element
_ANY_ID = re.compile("[Aa]uthor")
_ANY_CLASS = re.compile("[Aa]uthor|screenname|writer|[Bb]yline")
# what any class or id test above needs in the value (a superset): most elements have none of it
_CLASS_HINT = re.compile("[Aa]uthor|screenname|writer|[Bb]yline|byl|BBL|username|channel-name|zuozhe|bianji|xiaobian"
                         "|submitted-by|posted-by|journalist-name")
_ID_HINT = re.compile("[Aa]uthor|zuozhe|bianji|xiaobian")
# AUTHOR_DISCARD_XPATHS[0] (descendants of the root only), then [1]: //time|//figure
_DISCARD_TAGS = frozenset(("a", "div", "section", "span"))
_DISCARD_EXACT_ID = "comments"
_DISCARD_EXACT_CLASSES = frozenset(("comments", "title", "date"))
_DISCARD_ID = re.compile("^comments|comment-?list|ProductReviews")
_DISCARD_CLASS = re.compile(
    "^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|article-(?:share|support)"
    "|print|category|meta-date|meta-reviewer")
_LATE_DISCARD_TAGS = ("time", "figure")


def find_author(tree: _Element) -> str | None:
    """trafilatura's ``extract_author(tree)``, without copying or rewalking the tree (see the module)."""
    specific: list[_Element] = []
    generic: list[_Element] = []
    anywhere: list[_Element] = []
    # rel='me' tests a child *element* named rel: rare, so its parents are found once, in C
    rel_parents = {child.getparent() for child in tree.iter("rel")}
    for element in tree.iter():
        tag = element.tag
        if not isinstance(tag, str):  # a comment, entity or processing instruction
            continue
        get = element.get
        cls, ident, itemprop = get("class"), get("id"), get("itemprop")
        if tag == "author" or (tag in _SPECIFIC_TAGS and _specific(element, cls, ident, itemprop, rel_parents)):
            specific.append(element)
        in_itemprop = itemprop is not None and "author" in itemprop
        # most elements: none of the class/id tests below can hold
        if not (in_itemprop or (cls is not None and _CLASS_HINT.search(cls))
                or (ident is not None and _ID_HINT.search(ident))):
            if "Byline" in (get("data-component") or ""):
                anywhere.append(element)
            continue
        if tag in _GENERIC_TAGS and (
                cls in _GENERIC_CLASSES or in_itemprop or (ident is not None and _GENERIC_ID.search(ident))
                or (cls is not None and _GENERIC_CLASS.search(cls))):
            generic.append(element)
        if (in_itemprop or (ident is not None and _ANY_ID.search(ident)) or (cls is not None and _ANY_CLASS.search(cls))
                or "Byline" in (get("data-component") or "")):
            anywhere.append(element)
    for candidates in (specific, generic, anywhere):
        for element in candidates:
            if _pruned_away(element, tree):
                continue
            content = trim(" ".join(_pruned(element).itertext()))
            if content and 2 < len(content) < AUTHOR_MAX_CHARS:
                return normalize_authors(None, content)
    return None


def _specific(element: _Element, cls: str | None, ident: str | None, itemprop: str | None,
              rel_parents: set[_Element]) -> bool:
    """AUTHOR_XPATHS[0]'s tests for an element of its tags."""
    get = element.get
    return bool(ident == "author" or cls == "author" or itemprop == "author name" or get("rel") == "author"
                or get("data-testid") in _TEST_IDS or (cls is not None and _SPECIFIC_CLASS.search(cls))
                or (element in rel_parents and _rel_me(element)))


def _rel_me(element: _Element) -> bool:
    return any("".join(child.itertext()) == "me" for child in element.iterchildren("rel"))


def _discarded(element: _Element) -> bool:
    """The element matches AUTHOR_DISCARD_XPATHS (the root excepted: the pruning never deletes it)."""
    tag = element.tag
    if tag in _LATE_DISCARD_TAGS:
        return True
    if tag not in _DISCARD_TAGS:
        return False
    get = element.get
    ident, cls = get("id"), get("class")
    return (ident == _DISCARD_EXACT_ID or cls in _DISCARD_EXACT_CLASSES
            or (ident is not None and _DISCARD_ID.search(ident) is not None)
            or (cls is not None and _DISCARD_CLASS.search(cls) is not None)
            or "Figure" in (get("data-component") or ""))


def _pruned_away(element: _Element, root: _Element) -> bool:
    """The element, or an ancestor below the root, is deleted by the pruning."""
    node: _Element | None = element
    while node is not None and node is not root:
        if _discarded(node):
            return True
        node = node.getparent()
    return False


def _pruned(element: _Element) -> _Element:
    """The element as it reads after the pruning: itself when nothing inside it is discarded, else a
    pruned copy (the discard expressions' matches deleted in their order, tails kept)."""
    if not any(_discarded(node) for node in element.iterdescendants()):
        return element
    copy = deepcopy(element)
    early = [node for node in copy.iterdescendants() if node.tag not in _LATE_DISCARD_TAGS and _discarded(node)]
    for node in early:
        delete_element(node)
    for node in list(copy.iterdescendants(*_LATE_DISCARD_TAGS)):
        delete_element(node)
    return copy
