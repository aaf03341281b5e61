"""A decoded page -> its lxml tree, as trafilatura's ``load_html`` builds it, with cheaper elements.

``lxml.html`` picks each element's Python class (``FormElement`` for ``<form>``, ``InputElement``...)
with a lookup written in Python, called every time Python touches an element of the tree that it
has not touched yet: trafilatura's passes, htmldate and the author search touch tens of thousands
a page, and on the 290 pages of the benchmark corpus the lookup was about 4% of the cleaning.
:func:`parse_page` follows ``load_html``'s steps for a string (the same repairs, the same parser
settings, the same byte-string retry and the same rejection of a page that is not HTML) with a
parser whose lookup runs in C: every element is a plain ``HtmlElement``, which is all trafilatura,
htmldate and newswire use (none use the form classes' methods). The trees are the same markup
(``tests/ingest/test_page_tree.py``); the cleaning's output is the same on all 290 pages.
"""

from __future__ import annotations

from lxml.etree import ElementDefaultClassLookup
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HTMLParser, HtmlProcessingInstruction, fromstring
from trafilatura import utils as trafilatura_utils
from trafilatura.utils import is_dubious_html

# trafilatura.utils.HTML_PARSER's settings
_PARSER = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True)
_PARSER.set_element_class_lookup(ElementDefaultClassLookup(
    element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity))


def parse_page(markup: str) -> HtmlElement | None:
    """trafilatura's ``load_html(markup)`` for a decoded page, on the C-lookup parser; None if not HTML."""
    beginning = markup[:50].lower()
    dubious = is_dubious_html(beginning)
    markup = trafilatura_utils.repair_faulty_html(markup, beginning)  # looked up here: trafilatura_speedups replaces it
    tree, retried = None, False
    try:
        tree = fromstring(markup, parser=_PARSER)
    except ValueError:  # "Unicode strings with encoding declaration are not supported."
        tree, retried = _from_bytes(markup), True
    except Exception:  # noqa: BLE001 (load_html logs and carries on the same way: the byte-string retry below)
        pass
    if (tree is None or len(tree) < 1) and not retried:
        tree = _from_bytes(markup)
    if tree is not None and dubious and len(tree) < 2:  # load_html's test: not well-formed HTML at all
        return None
    return tree


def _from_bytes(markup: str) -> HtmlElement | None:
    try:
        return fromstring(markup.encode("utf8", "surrogatepass"), parser=_PARSER)
    except Exception:  # noqa: BLE001 (as load_html: a page lxml cannot take at all has no tree)
        return None
