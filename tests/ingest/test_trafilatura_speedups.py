"""trafilatura_speedups gives what trafilatura 2.3.1's own steps give: the same elements from each rewritten
XPath, the same trees and text from each replaced function, the same cleaning of every corpus page.

Built pages here; the shared corpus (``NEWSWIRE_TEST_ZYTE_DIR``'s parent, else ``corpus/html``) is read
where it lies when it is there.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from copy import copy
from pathlib import Path

import pytest
import trafilatura
from lxml.etree import XPath
from lxml.html import HtmlElement, fromstring, tostring

from newswire.app.bench.pages import corpus_files
from newswire.errors import PermanentFetchError
from newswire.ingest import trafilatura_speedups as speedups
from newswire.ingest.clean import _OPTIONS, clean_article, decode_html
from newswire.ingest.page_tree import parse_page
from tests.shared import shared_path

core, baseline, utils = (sys.modules[f"trafilatura.{name}"] for name in ("core", "baseline", "utils"))
htmlprocessing = sys.modules["trafilatura.htmlprocessing"]


def corpus_dir() -> Path | None:
    if os.environ.get("NEWSWIRE_TEST_ZYTE_DIR"):
        return Path(os.environ["NEWSWIRE_TEST_ZYTE_DIR"]).parent
    try:
        return shared_path("corpus", "html")
    except AssertionError:
        return None


CORPUS = corpus_dir()
needs_corpus = pytest.mark.skipif(CORPUS is None, reason="the shared corpus/html is not here")


stock = speedups.stock


def regex_calls() -> list[tuple[str, str, str]]:
    """Every (attribute, regex, flags) the rewritten XPaths test, as trafilatura wrote them."""
    with stock():
        paths = [speedups._get(module, name, index).path for module, name, index, _ in speedups.TARGETS]
    return sorted({(m[1], m[2], m[3] or "") for path in paths for m in speedups._RE_TEST.finditer(path)})


def tricky_values() -> list[str]:
    """Attribute values around every literal the regexes hold: cut, extended, recased, in other scripts' case."""
    words = {"", " ", "commentary", "Commentary", "comment", "Comments", "commentary comment", "x comment",
             "comol", "disqus_thread", "FullText", "FULLTEXT", "fullteXt", "ſull", "cooKie-banner",
             "co\u212aie-banner", "CooKie_Consent", "notice--cookie", "noti\u0130e-cookie", "ad", " ad ", "x ad-y",
             "ad-slot", "head-ad-", "article ", "Article x", "articles", "main-content", "Page-Content", "hidden",
             "x hidden", "display:none", "reply-x", "x-reply-y", "nav", "Navbar", "post-nav", "mvp-post-add-box"}
    for _, regex, _ in regex_calls():
        for token in re.split(r"[|()?:\[\]^{}\\,!]+", regex):
            words.add(token)
        for _, text in speedups.literals(regex) or []:
            words.update({text, text[1:], text[:-1], f"x{text}", f"{text} y", f"a {text}", text.upper(),
                          text.capitalize(), text.swapcase()})
    return sorted(words)


def page(values: list[str]) -> str:
    rows = []
    for i, value in enumerate(values):
        v = value.replace("&", "&amp;").replace('"', "&quot;")
        rows.append(f'<div class="{v}"><p>Text {i} in a div of its class.</p></div>'
                    f'<section id="{v}"><h1>H{i}</h1><p>a section</p></section>'
                    f'<article id="{v}" class="x{i}"><p>id first</p></article>'
                    f'<main class="{v}" id="y{i}"><ul class="{v}"><li>class first</li></ul></main>'
                    f'<span style="{v}">s</span><p role="{v}" id="{v}">p</p><aside class="{v}">a</aside>'
                    f'<ol id="{v}"><li>o</li></ol><details class="{v}">d</details>')
    return f"<html><head><title>t</title></head><body><div>{''.join(rows)}</div></body></html>"


def converted(tree: HtmlElement) -> HtmlElement:
    """The tree as the extraction sees it (lists as <list>, items as <item>...)."""
    return core._prepare_tree(tree, _OPTIONS, None)[0]


# the XPaths trafilatura runs on the page as parsed; the others run on the converted tree
RAW_TREE_XPATHS = {"REMOVE_COMMENTS_AND_LISTS_XPATH", "RAW_TREE_PRUNE_XPATH", "BASIC_CLEAN_XPATH"}


def assert_same_selections(raw: HtmlElement, converted_tree: HtmlElement | None = None, inner: int = 3) -> None:
    """The same elements in the same order, from the root and from ``inner`` elements inside: on the
    raw tree, and on the converted one for the XPaths run on it (all on both without one)."""
    with stock():
        originals = [speedups._get(module, name, index) for module, name, index, _ in speedups.TARGETS]
    both = [raw, converted(copy(raw))] if converted_tree is None else None
    for (module, name, index, _), original in zip(speedups.TARGETS, originals):
        patched = speedups._get(module, name, index)
        for tree in both or [raw if name in RAW_TREE_XPATHS else converted_tree]:
            for context in (tree, *list(tree.iter("body", "main"))[:inner]):
                assert patched(context) == original(context), (name, index)


def test_every_replacement_is_in_place():
    assert trafilatura.__version__ == speedups.VERSION
    assert speedups.INSTALLED == list(speedups._plan())
    assert len(speedups.INSTALLED) == len(speedups.TARGETS) + 11
    for key, (original, replacement) in speedups._plan().items():
        module, _, target = key.partition(":")
        name, _, index = target.rstrip("]").partition("[")
        assert speedups._get(module, name, int(index) if index else None) is replacement is not original, key
        if isinstance(original, XPath):  # a rewrite that found nothing to rewrite would be trafilatura's own
            assert replacement.path != original.path, key
            assert replacement.path.count("re:test(") <= original.path.count("re:test("), key


def test_another_trafilatura_version_gets_nothing(monkeypatch, caplog):
    with stock():
        monkeypatch.setattr(trafilatura, "__version__", "9.9.9")
        monkeypatch.setattr(speedups, "_WARNED", [])
        with caplog.at_level(logging.WARNING, logger=speedups.__name__):
            assert speedups.install() == [] and speedups.install() == []
        assert len([r for r in caplog.records if "9.9.9" in r.getMessage()]) == 1
        assert speedups._get("trafilatura.core", "_prepare_tree", None) is not speedups._prepare_tree
        monkeypatch.undo()


def test_literals_are_the_texts_a_regex_matches():
    assert speedups.literals("(?:^| )ad-|dfp[Aa]d|bread-?crumb") == [
        (False, " ad-"), (False, "bread-crumb"), (False, "breadcrumb"), (False, "dfpAd"), (False, "dfpad"),
        (True, "ad-")]
    assert speedups.literals("notice[-_]{0,1}x") == [(False, "notice-x"), (False, "notice_x"), (False, "noticex")]
    for not_a_set in ("[Cc]omment(?!ary)", "a$", "a+", "a?", "x^a", "(?i)abc", "[^a]b", "[a-z]b", "it's", "\\bx"):
        assert speedups.literals(not_a_set) is None, not_a_set


def test_plain_tests_agree_with_re_test_on_tricky_values():
    values = tricky_values()
    tree = fromstring(page(values))
    calls = regex_calls()
    assert any(speedups.plain_test(*call) for call in calls)
    for attribute, regex, flags in calls:
        plain = speedups.plain_test(attribute, regex, flags)
        if plain is None:
            continue
        call = f"re:test({attribute}, '{regex}'" + (f", '{flags}')" if flags else ")")
        expected = XPath(f".//*[{call}]", namespaces={"re": speedups.REGEXP_NS})(tree)
        assert XPath(f".//*[{plain}]", namespaces={"re": speedups.REGEXP_NS})(tree) == expected, call


def test_the_lowercasing_covers_pythons_case_folding():
    fold = str.maketrans(speedups.FOLD_FROM, speedups.FOLD_TO)
    letters = "".join(sorted(set("fulltext")))  # the case-blind guard's word
    pattern = re.compile(f"[{letters}]", re.I)
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if pattern.fullmatch(char):  # each letter it matches case-blind is the one it is lowercased to
            assert all(char.translate(fold) == letter for letter in letters if re.fullmatch(letter, char, re.I)), \
                hex(code)


def test_the_invalid_characters_are_trafilaturas():
    matched = {chr(c) for c in range(sys.maxunicode + 1) if utils.INVALID_XML_CHARS.match(chr(c))}
    assert matched == set(speedups._INVALID_XML_CHARS)


def test_rewritten_xpaths_select_what_trafilaturas_select_on_built_pages():
    assert_same_selections(fromstring(page(tricky_values())))


@pytest.mark.parametrize("markup", [
    "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\" \"x/y.dtd\">\n<html><body>a\x00b\x0bc\ufffe</body></html>",
    "<html lang='de'/>\n<body><p>x\x1f</p></body>", "plain text", "", "<p>\x08</p>", "<!doctype html><html>ok</html>"])
def test_repair_faulty_html_is_trafilaturas(markup):
    with stock():
        expected = utils.repair_faulty_html(markup, markup[:50].lower())
    assert speedups.repair_faulty_html(markup, markup[:50].lower()) == expected


@pytest.mark.parametrize("text", [
    "plain", "", " spaced <b>bold</b> ", '{"a": "x\\u00e9\\ud83d\\ude00 \\n\\t&amp; \\ud800 y"}', "\\u0041\\\\",
    "a\\rb <p>c</p>", "no backslash \ud800 here"])
def test_normalize_json_is_trafilaturas(text):
    with stock():
        expected = sys.modules["trafilatura.json_metadata"].normalize_json(text)
    assert speedups.normalize_json(text) == expected


def test_remove_control_characters_is_trafilaturas():
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    others = ["\x00", "\x08", "\x1b", "\x7f", "\u200b", "\ufeff", "\ud800", "\ue000", "\U000e0001", "\u0378"]
    texts = ["", "plain", "a\nb", " \t ", *spaces, *others, *(f"x{s}y{o}" for s in spaces[:8] for o in others),
             "\n".join(spaces), "é\xa0ü\u2028", "tab\there\x0b", "\x1c\x1d\x1e\x1f"]
    with stock():
        expected = [utils.remove_control_characters(text) for text in texts]
    assert [speedups.remove_control_characters(text) for text in texts] == expected


ARTICLE = ("<html><head><script>var x = 1;</script><style>p {}</style><title>T</title></head><body>"
           "<div class='share-bar'><a href='/a'>Share</a></div><div id='cookie-notice'>We use cookies</div>"
           "<article><h1>Headline</h1><div class='meta'><span class='byline'>By A</span></div>"
           + "".join(f"<p>Paragraph {i} of the story, long enough to count as text.</p>" for i in range(6))
           + "<div class='related'><div class='related-item'><p>Another story</p></div></div>"
           "<ul class='comment-list'><li>first!</li></ul></article><aside>aside</aside>"
           "<footer>footer</footer></body></html>")


def test_prune_unwanted_nodes_is_trafilaturas():
    discard = [speedups._plan()[f"trafilatura.xpaths:OVERALL_DISCARD_XPATH[{i}]"][0] for i in (0, 1)]
    for markup in (ARTICLE, page(tricky_values()[:80])):
        for with_backup in (True, False):
            for nodelist in (discard[:1], discard, [XPath(".//div|.//p|.//ul")]):
                with stock():
                    expected = tostring(htmlprocessing.prune_unwanted_nodes(fromstring(markup), nodelist, with_backup))
                assert tostring(speedups.prune_unwanted_nodes(fromstring(markup), nodelist, with_backup)) == expected


def test_html2txt_is_trafilaturas():
    for markup in (ARTICLE, page(tricky_values()[:80]), "<div><p>no body</p><p>at all</p></div>"):
        tree = fromstring(markup)
        with stock():
            expected = core.html2txt(tree)
        assert speedups.html2txt(tree) == expected and tostring(tree) == tostring(fromstring(markup))
    assert speedups.html2txt(ARTICLE) == baseline.html2txt(ARTICLE)


def test_prepare_tree_skips_only_the_backup_nobody_reads():
    for fast in (True, False):
        for comments in (True, False):
            options = replace_options(fast=fast, comments=comments)
            with stock():
                cleaned, backup = core._prepare_tree(fromstring(ARTICLE), options, None)
            ours, our_backup = speedups._prepare_tree(fromstring(ARTICLE), options, None)
            assert tostring(ours) == tostring(cleaned)
            if fast and not comments:
                assert our_backup is None
            else:
                assert tostring(our_backup) == tostring(backup)


def replace_options(**changes: bool):
    options = copy(_OPTIONS)
    for name, value in changes.items():
        setattr(options, name, value)
    return options


def corpus_pages() -> list[tuple[str, bytes]]:
    urls_file = CORPUS / "urls.json"
    urls = json.loads(urls_file.read_text(encoding="utf-8")) if urls_file.exists() else {}
    return [(urls.get(p.relative_to(CORPUS).as_posix()) or f"https://corpus.invalid/{p.name}", p.read_bytes())
            for p in corpus_files(CORPUS)]


def cleaned(html: bytes, url: str):
    try:
        return clean_article(html, url)
    except PermanentFetchError as exc:
        return ("refused", exc.reason, str(exc))


@needs_corpus
def test_rewritten_xpaths_and_html2txt_are_trafilaturas_on_the_corpus():
    for _, html in corpus_pages():
        tree = parse_page(decode_html(html))
        if tree is None:
            continue
        assert_same_selections(tree, converted(copy(tree)), inner=0)
        with stock():
            expected = core.html2txt(tree)
        assert speedups.html2txt(tree) == expected


@needs_corpus
def test_the_cleaning_of_every_corpus_page_is_the_same():
    pages = corpus_pages()
    assert len(pages) >= 290
    with stock():
        expected = [cleaned(html, url) for url, html in pages]
    assert [cleaned(html, url) for url, html in pages] == expected
