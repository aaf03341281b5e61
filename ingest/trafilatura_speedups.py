"""Cheaper, output-identical replacements for trafilatura 2.3.1's costliest steps, installed at import.

Profiled on the 290 pages of the benchmark corpus, the cleaning spent a quarter of its CPU on work its
result does not need:

- **EXSLT regular expressions in XPath.** ``re:test(@class, '...')`` calls back into Python for every
  element the step reaches; the ten XPaths rewritten here (the raw-tree and comment prunes, the
  discard lists, the body searches, html2txt's ``BASIC_CLEAN_XPATH``) cost ~5.2 ms a page. A regex
  that is a set of at most 20 texts (optionally anchored at the start) becomes ``contains`` and
  ``starts-with`` tests on the attribute node, the same test in C; a longer one, or one that is no
  such set (a lookahead, ``'i'``), keeps its ``re:test`` behind the attribute's presence or a plain
  test every match passes (XPath's ``and`` stops at a false left side), so Python sees fewer
  elements. ``.//*[p]`` becomes ``descendant::*[p]`` (the same elements when ``p`` uses no position,
  without a child step from every node). A union ``(.//div|.//p)`` would cost less still on small
  pages, but libxml2 merges unions in quadratic time: seconds on a page of 15,000 elements.
- **prune_unwanted_nodes' outermost-match test**, ``any(a in matches for a in elem.iterancestors())``,
  a Python generator for each match: ``dict.keys().isdisjoint`` does the same lookups in C.
- **html2txt in the recall-escalation gate** (43% of the pages), of which only the length is used:
  it copied the whole page, ``<head>``'s scripts and styles too, to read the text of ``<body>``.
- **_prepare_tree's backup copy** of the cleaned tree, read only by the comparison with external
  extractors (not in fast mode) and the comment capture (not with comments off).
- **repair_faulty_html** rewrote every page with a regex to drop control characters that pages
  seldom hold; a search for each (in C) finds whether there is one in a third of the time.

Each replacement copies 2.3.1's logic; on another version nothing is installed (logged once), as the
copies would no longer be the same code. ``tests/ingest/test_trafilatura_speedups.py`` checks every
rewritten XPath and function against trafilatura's own, and the cleaning of every corpus page.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from copy import copy
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

import trafilatura
from lxml.etree import XPath
from lxml.html import HtmlElement

LOGGER = logging.getLogger(__name__)
VERSION = "2.3.1"
REGEXP_NS = "http://exslt.org/regular-expressions"

# Python's case-insensitive match also takes these for a lowercase ASCII letter (İ ı for i, K for k,
# ſ for s): a lowercased string for a guard must map them too (tested against re on every code point).
FOLD_FROM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ\u0130\u0131\u212a\u017f"
FOLD_TO = "abcdefghijklmnopqrstuvwxyziiks"

# Necessary conditions for the regexes that are no finite set of literals: every string the regex
# matches passes the guard ({a} is the attribute). Keyed by (regex, flags) as they appear in the XPath.
GUARDS: dict[tuple[str, str], str] = {
    ("^(?:[Cc]omment(?!ary)|comol|disqus_thread|dsq-comments)", ""):
        "contains({a}, 'omment') or starts-with({a}, 'comol') or starts-with({a}, 'disqus_thread')",
    ("^(?:[Cc]omment(?!ary)|comol)", ""): "contains({a}, 'omment') or starts-with({a}, 'comol')",
    ("^[Cc]omment(?!ary)|(?:article|post)-comments", ""): "contains({a}, 'omment')",
    ("post[-_]text|post-body|post-?entry|post[-_]?content|postContent|post_inner_wrapper|article-?text|articleText|"
     "(?:entry|page|text|article|art)-content|article__content|article(?:-|__)?body|articleBody|ArticleContent|"
     "body-text|article__container", ""):
        "contains({a}, 'post') or contains({a}, 'article') or contains({a}, '-content') or "
        "contains({a}, 'ArticleContent') or contains({a}, 'body-text')",
    ("fulltext", "i"): f"contains(translate({{a}}, '{FOLD_FROM}', '{FOLD_TO}'), 'fulltext')",
}
# (module, name, index in the list or None, its steps' predicates use no position): the XPaths rewritten,
# the ones that cost (see the docstring). BODY_XPATH[0]'s "[1]" is a position on the step itself.
TARGETS = (
    ("trafilatura.xpaths", "REMOVE_COMMENTS_AND_LISTS_XPATH", 0, True),
    ("trafilatura.xpaths", "RAW_TREE_PRUNE_XPATH", 0, True),
    ("trafilatura.xpaths", "RAW_TREE_PRUNE_XPATH", 1, True),
    ("trafilatura.xpaths", "TEASER_DISCARD_XPATH", 0, True),
    ("trafilatura.xpaths", "DISCARD_IMAGE_ELEMENTS", 0, True),
    ("trafilatura.xpaths", "OVERALL_DISCARD_XPATH", 0, True),
    ("trafilatura.xpaths", "OVERALL_DISCARD_XPATH", 1, True),
    ("trafilatura.xpaths", "BODY_XPATH", 0, False),
    ("trafilatura.xpaths", "BODY_XPATH", 2, True),
    ("trafilatura.xpaths", "BODY_XPATH", 3, True),
    ("trafilatura.baseline", "BASIC_CLEAN_XPATH", None, True),
)
_RE_TEST = re.compile(r"re:test\((@[\w|@-]+), '([^']*)'(?:, '([a-z]*)')?\)")
_MAX_LITERALS = 200
# what trafilatura.utils.INVALID_XML_CHARS matches (the tests check it is the same set)
_INVALID_XML_CHARS = tuple(map(chr, (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF)))
_SURROGATES = re.compile("[\ud800-\udfff]")
_MAX_TESTS = 20  # more contains() than this cost more than the one call into Python they replace


def literals(regex: str) -> list[tuple[bool, str]] | None:
    """The (anchored at the start, text) pairs a match of ``regex`` is one of, or None if it is no such set."""
    try:
        parsed = sre_parse.parse(regex)
        if parsed.state.flags & ~sre.SRE_FLAG_UNICODE:  # (?i), (?m)... in the pattern
            return None
        found = _sequence(list(parsed), [(False, "")])
    except (re.error, _NotLiteral):
        return None
    if not found or len(found) > _MAX_LITERALS or any(not text or "'" in text for _, text in found):
        return None
    return sorted(set(found))


class _NotLiteral(Exception):
    pass


def _sequence(items: list[Any], prefixes: list[tuple[bool, str]]) -> list[tuple[bool, str]]:
    for op, arg in items:
        if op is sre.LITERAL:
            prefixes = [(anchored, text + chr(arg)) for anchored, text in prefixes]
        elif op is sre.IN:
            if any(kind is not sre.LITERAL for kind, _ in arg):
                raise _NotLiteral
            prefixes = [(anchored, text + chr(char)) for anchored, text in prefixes for _, char in arg]
        elif op is sre.BRANCH:
            prefixes = [p for branch in arg[1] for p in _sequence(list(branch), prefixes)]
        elif op is sre.SUBPATTERN:
            if arg[1] or arg[2]:  # flags inside the group
                raise _NotLiteral
            prefixes = _sequence(list(arg[3]), prefixes)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and arg[1] <= 3:  # a{0,2}: the texts for 0, 1 and 2
            repeated = []
            current = prefixes
            for count in range(arg[1] + 1):
                if count >= arg[0]:
                    repeated += current
                current = _sequence(list(arg[2]), current)
            prefixes = repeated
        elif op is sre.AT and arg is sre.AT_BEGINNING:
            if any(text for _, text in prefixes):  # "^" after some text can never match
                prefixes = [(anchored, text) for anchored, text in prefixes if not text]
            prefixes = [(True, text) for _, text in prefixes]
        else:
            raise _NotLiteral
        if len(prefixes) > _MAX_LITERALS:
            raise _NotLiteral
    return prefixes


def plain_test(attribute: str, regex: str, flags: str = "") -> str | None:
    """An XPath 1.0 expression true exactly when ``re:test(attribute, regex, flags)`` is, calling Python less."""
    found = None if flags else literals(regex)
    single = "|" not in attribute  # re:test reads the first node of @id|@class (in document order) as string() does
    if found is not None and len(found) <= _MAX_TESTS:
        if single:  # on the attribute node itself: "." costs less than looking @class up again for each test
            return f"{attribute}[{_any('.', found)}]"
        return f"({_any(attribute, found)})"
    call = f"re:test({attribute}, '{regex}'" + (f", '{flags}')" if flags else ")")
    guard = GUARDS.get((regex, flags))
    if guard is not None and single:
        return f"({attribute}[{guard.format(a='.')}] and {call})"
    if re.search(regex, "", re.I if "i" in flags else 0) is None:  # no attribute, no match: ask only if there is one
        return f"({attribute} and {call})"
    return None


def _any(node: str, found: list[tuple[bool, str]]) -> str:
    return " or ".join(f"{'starts-with' if anchored else 'contains'}({node}, '{text}')" for anchored, text in found)


def rewrite(path: str, descendants: bool = False) -> str:
    """``path`` with its ``re:test`` calls rewritten; with ``descendants``, its ``.//*[`` steps as
    ``descendant::*[`` (the same elements when the step's predicates use no position, found without
    the child step from every node; a union ``(.//div|.//p)`` would be cheaper on small pages but
    libxml2 merges unions in quadratic time, seconds on a page of 15,000 elements)."""
    def replace(match: re.Match[str]) -> str:
        return plain_test(match.group(1), match.group(2), match.group(3) or "") or match.group(0)
    path = _RE_TEST.sub(replace, path)
    return path.replace(".//*[", "descendant::*[") if descendants else path


def prune_unwanted_nodes(tree: HtmlElement, nodelist: list[XPath], with_backup: bool = False) -> HtmlElement:
    """trafilatura 2.3.1's ``htmlprocessing.prune_unwanted_nodes``, the ancestor test in C."""
    delete_element = sys.modules["trafilatura.xml"].delete_element
    if not with_backup:
        for expression in nodelist:
            for subtree in expression(tree):
                delete_element(subtree)
        return tree
    matches = dict.fromkeys(elem for expression in nodelist for elem in expression(tree))
    # lxml hands out the same proxy for a node while one is referenced (matches holds them all)
    outer = [elem for elem in matches if matches.keys().isdisjoint(elem.iterancestors())]
    old_len = len(tree.text_content())
    if old_len - sum(len(elem.text_content()) for elem in outer) > old_len / 7:
        for elem in outer:
            delete_element(elem)
    return tree


def html2txt(content: Any, clean: bool = True) -> str:
    """trafilatura 2.3.1's ``baseline.html2txt``, copying only ``<body>`` of an element's tree."""
    baseline = sys.modules["trafilatura.baseline"]
    if not isinstance(content, HtmlElement):
        return baseline.html2txt(content, clean)
    body = content.find(".//body")
    # the text of <body> (its tail is not in text_content) and BASIC_CLEAN_XPATH's ".//" are the same
    # in a copy of <body> as in a copy of the page
    body = copy(body) if body is not None else copy(content)
    return baseline._spaced_text(baseline.basic_cleaning(body) if clean else body)


def repair_faulty_html(htmlstring: str, beginning: str) -> str:
    """trafilatura 2.3.1's ``utils.repair_faulty_html``, which rewrote every page to drop characters few have."""
    utils = sys.modules["trafilatura.utils"]
    if any(char in htmlstring for char in _INVALID_XML_CHARS):  # a scan for each, each in C: cheaper than the regex's
        htmlstring = utils.INVALID_XML_CHARS.sub("", htmlstring)
    if "doctype" in beginning:
        firstline, _, rest = htmlstring.partition("\n")
        htmlstring = utils.DOCTYPE_TAG.sub("", firstline, count=1) + "\n" + rest
    for line in htmlstring[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            htmlstring = utils.FAULTY_HTML.sub(r"\1>", htmlstring, count=1)
            break
    return htmlstring


def remove_control_characters(string: str) -> str:
    """trafilatura 2.3.1's ``utils.remove_control_characters``: a text with white space other than " "
    (most text nodes: a line break) is not printable, and went through a Python call per character;
    when white space is all that is not printable the text is returned as it is, found in C."""
    if string.isprintable() or "".join(string.split()).isprintable():  # split() drops what isspace() keeps
        return string
    return "".join(map(sys.modules["trafilatura.utils"].return_printables_and_spaces, string))


def normalize_json(string: str) -> str:
    """trafilatura 2.3.1's ``json_metadata.normalize_json``, dropping surrogates with a regex, not a
    Python generator over every character of the page's JSON-LD."""
    json_metadata = sys.modules["trafilatura.json_metadata"]
    if "\\" in string:
        string = string.replace("\\n", "").replace("\\r", "").replace("\\t", "")
        string = json_metadata.JSON_UNICODE_REPLACE.sub(lambda match: chr(int(match[1], 16)), string)
        string = _SURROGATES.sub("", string)
        string = json_metadata.unescape(string)
    return json_metadata.trim(json_metadata.HTML_STRIP_TAGS.sub("", string))


def _prepare_tree(tree: HtmlElement, options: Any, url: str | None) -> tuple[HtmlElement, HtmlElement | None]:
    """trafilatura 2.3.1's ``core._prepare_tree``, without the backup when nothing will read it."""
    core = sys.modules["trafilatura.core"]
    cleaned = core.tree_cleaning(copy(tree), options)
    backup = copy(cleaned) if not options.fast or options.comments else None
    return core.convert_tags(cleaned, options, url), backup


# the functions replaced, and the modules holding them under that name (each imported it by name)
FUNCTIONS: dict[str, tuple[Any, tuple[str, ...]]] = {
    "prune_unwanted_nodes": (prune_unwanted_nodes, (
        "trafilatura.htmlprocessing", "trafilatura.main_extractor", "trafilatura.core", "trafilatura.metadata",
        "trafilatura.external")),
    "html2txt": (html2txt, ("trafilatura.core",)),
    "_prepare_tree": (_prepare_tree, ("trafilatura.core",)),
    "repair_faulty_html": (repair_faulty_html, ("trafilatura.utils",)),
    "normalize_json": (normalize_json, ("trafilatura.json_metadata",)),
    "remove_control_characters": (remove_control_characters, ("trafilatura.utils", "trafilatura.baseline")),
}
# "module:name" or "module:name[index]" -> (trafilatura's object, its replacement); built once
_PLAN: dict[str, tuple[Any, Any]] = {}
INSTALLED: list[str] = []  # the keys of _PLAN in place now


def _plan() -> dict[str, tuple[Any, Any]]:
    if not _PLAN:
        for module_name, name, index, descendants in TARGETS:
            original = _get(module_name, name, index)
            # they all select elements: strings the XPath hands to re:test need not be "smart" (no parent)
            _PLAN[_key(module_name, name, index)] = (original, XPath(rewrite(original.path, descendants),
                                                                     namespaces={"re": REGEXP_NS}, smart_strings=False))
        for name, (replacement, holders) in FUNCTIONS.items():
            for module_name in holders:
                _PLAN[_key(module_name, name, None)] = (_get(module_name, name, None), replacement)
    return _PLAN


def install() -> list[str]:
    """Put the replacements in place; the keys installed ([] on another trafilatura version)."""
    if trafilatura.__version__ != VERSION:
        if not _WARNED:
            LOGGER.warning("trafilatura %s is not %s: the cleaning runs without newswire's speedups for it",
                           trafilatura.__version__, VERSION)
            _WARNED.append(True)
        return INSTALLED
    if not INSTALLED:
        for key, (_, replacement) in _plan().items():
            _set(key, replacement)
            INSTALLED.append(key)
    return INSTALLED


def restore() -> None:
    """Put trafilatura's own objects back (the tests and the benchmark's script run on them)."""
    for key in INSTALLED:
        _set(key, _PLAN[key][0])
    INSTALLED.clear()


@contextmanager
def stock() -> Iterator[None]:
    """trafilatura's own steps for the duration: the benchmarks time the obvious script on them."""
    installed = bool(INSTALLED)
    restore()
    try:
        yield
    finally:
        if installed:
            install()


_WARNED: list[bool] = []


def _key(module_name: str, name: str, index: int | None) -> str:
    return f"{module_name}:{name}" + ("" if index is None else f"[{index}]")


def _get(module_name: str, name: str, index: int | None) -> Any:
    found = getattr(sys.modules[module_name], name)
    return found if index is None else found[index]


def _set(key: str, value: Any) -> None:
    module_name, _, target = key.partition(":")
    name, _, index = target.rstrip("]").partition("[")
    if index:
        getattr(sys.modules[module_name], name)[int(index)] = value  # a list every importer shares
    else:
        setattr(sys.modules[module_name], name, value)


install()
