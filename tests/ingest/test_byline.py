"""byline.find_author gives trafilatura's extract_author answer, from one walk and no copy of the tree."""

from __future__ import annotations

import hashlib
import itertools

from trafilatura.metadata import extract_author
from trafilatura.utils import load_html
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

from newswire.ingest.byline import find_author

# The expressions byline.py mirrors, whitespace collapsed. A trafilatura that changes them fails here:
# re-derive byline.py's tests from the new expressions, then update the digest.
MIRRORED_XPATHS_SHA256 = "2af94d4a6e04e948df241a9e68388d224ac8a86fb3169fc4e07dad1dbf4e0ce7"


def _digest() -> str:
    paths = [" ".join(x.path.split()) for x in (*AUTHOR_XPATHS, *AUTHOR_DISCARD_XPATHS)]
    return hashlib.sha256("\n".join(paths).encode()).hexdigest()


def test_the_mirrored_trafilatura_expressions_are_unchanged():
    assert _digest() == MIRRORED_XPATHS_SHA256


def page(body: str) -> str:
    return f"<html><head><title>t</title></head><body><h1>Story</h1><p>Some text of the story.</p>{body}</body></html>"


NAME = "Jane Q. Public"
FOUND = "Jane Q Public"  # as trafilatura normalises it
# one element for each test of AUTHOR_XPATHS' three expressions, and near misses
BYLINES = [
    '<span rel="author">{}</span>', '<a id="author">{}</a>', '<div class="author">{}</div>',
    '<p itemprop="author name">{}</p>', '<strong data-testid="AuthorCard">{}</strong>',
    '<address data-testid="AuthorURL">{}</address>', '<span class="post-author-name">{}</span>',
    '<span class="authorname">{}</span>', '<span class="AuthorName x">{}</span>', '<link class="authorName">{}</link>',
    '<author>{}</author>', '<span><rel>me</rel>{}</span>', '<span><rel>not me</rel>{}</span>',
    '<h3 class="byline">{}</h3>', '<h4 class="username">{}</h4>', '<p class="byl">{}</p>', '<div class="BBL">{}</div>',
    '<span itemprop="creator author">{}</span>', '<div id="zuozhe-box">{}</div>', '<span id="xiaobian">{}</span>',
    '<p class="bianji">{}</p>', '<a class="channel-name">{}</a>', '<span class="submitted-by">{}</span>',
    '<span class="posted-by">{}</span>', '<div class="journalist-name">{}</div>', '<em data-component="Byline">{}</em>',
    '<li itemprop="author">{}</li>', '<b id="Author1">{}</b>', '<i class="screenname">{}</i>',
    '<td class="writer">{}</td>',
    '<section class="Byline">{}</section>', '<section class="byline">{}</section>', '<em class="AUTHOR">{}</em>',
    '<span class="by">{}</span>', '<em data-component="byline">{}</em>',
]
# what the pruning deletes before the search (around a byline, or inside it)
WRAPPERS = [
    "{}", '<div id="comments">{}</div>', '<div class="comments">{}</div>', '<span class="title">{}</span>',
    '<a class="date">{}</a>', '<section id="comments-12">{}</section>', '<div id="x-comment-list">{}</div>',
    '<div id="ProductReviews">{}</div>', '<div class="Comments">{}</div>', '<div class="my-commentlist">{}</div>',
    '<div class="sidebar-left">{}</div>', '<span class="is-hidden">{}</span>', '<div class="blockquote">{}</div>',
    '<div class="article-share">{}</div>', '<div class="printable">{}</div>', '<div class="meta-date">{}</div>',
    '<div data-component="FigureBlock">{}</div>', "<time>{}</time>", "<figure>{}</figure>",
    '<p class="comments">{}</p>', '<div class=" comments">{}</div>', '<div id="nocomments">{}</div>',
]
INSIDE = [
    NAME, f"By {NAME}", f"{NAME}<time>May 5</time>", f"{NAME} <time>May 5</time> in Oslo",
    f"By<span class='date'>today</span>{NAME}", f"<figure>photo</figure>{NAME}", f"<span class='quote'>q</span> {NAME}",
    "x" * 130, "ab", f"<time>{NAME}</time>", f"{NAME}<span class='meta-date'>1</span><span class='print'>2</span>tail",
]


def cases():
    for byline, wrapper in itertools.product(BYLINES, WRAPPERS):
        yield page(wrapper.format(byline.format(NAME)))
    for byline, inside in itertools.product(BYLINES[:12], INSIDE):
        yield page(byline.format(inside))
    # several candidates: the first valid one of the most specific expression wins
    yield page('<span class="writer">Writer Name</span><div class="byline">Byline Name</div>'
               '<a rel="author">Rel Name</a>')
    yield page(f'<a rel="author">{"y" * 200}</a><div class="byline">Byline Name</div>')
    yield page('<div class="comments"><a rel="author">Commenter</a></div><span class="author-name">Real Author</span>')
    yield page('<a rel="author">http://example.com/me</a><span class="byline">Second</span>')


def test_find_author_agrees_with_trafilatura():
    disagree = []
    for html in cases():
        tree = load_html(html)
        if find_author(tree) != extract_author(tree):
            disagree.append(html)
    assert disagree == []


def test_find_author_finds_and_skips_what_trafilatura_does():
    found = [find_author(load_html(html)) for html in cases()]
    assert sum(author == FOUND for author in found) > len(BYLINES)  # the search finds the name often...
    assert found.count(None) > len(WRAPPERS)  # ...and the pruning hides it often
    # a discarded element inside the byline goes, its tail stays, joined as trafilatura joins it
    assert find_author(load_html(page(f"<div class='byline'>By<span class='date'>today</span>{NAME}</div>"))) == \
        "ByJane Q Public"
    assert find_author(load_html(page('<span class="writer">W One</span><div class="byline">B Two</div>'))) == "B Two"
    assert find_author(load_html(page('<div class="comments"><a rel="author">C One</a></div>'))) is None


def test_find_author_leaves_the_tree_as_it_was():
    tree = load_html(page(f"<div class='byline'>{NAME}<time>May 5</time></div><div class='comments'>c</div>"))
    before = [(e.tag, e.text, e.tail) for e in tree.iter()]
    find_author(tree)
    assert [(e.tag, e.text, e.tail) for e in tree.iter()] == before
