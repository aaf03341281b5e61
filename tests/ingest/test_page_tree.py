"""page_tree.parse_page builds the tree trafilatura's load_html builds, with plain HtmlElement elements."""

from __future__ import annotations

import pytest
from lxml.html import FormElement, HtmlElement, tostring
from trafilatura.utils import load_html

from newswire.ingest.page_tree import parse_page

PAGES = {
    "article": "<!DOCTYPE html><html lang='en'><head><title>T</title><meta name='author' content='A B'></head>"
               "<body><!-- c --><article><h1>Head</h1><p>One <b>two</b> three.</p><form><input name=q>"
               "<label>L</label><select><option>o</option></select><textarea>t</textarea></form>"
               "</article></body></html>",
    "doctype with a slash": '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x/y.dtd">\n'
                            "<html><body><p>x</p></body></html>",
    "self-closing html": "<html lang='de'/>\n<body><p>Text after a broken html tag.</p></body>",
    "control characters": "<html><body><p>a\x00b\x08c\x0bd\x1fe\ufffef</p></body></html>",
    "encoding declaration": '<?xml version="1.0" encoding="utf-8"?><html><body><p>declared</p></body></html>',
    "fragment": "<p>just a paragraph</p>",
    "two blocks without html": "<div>one</div><div>two</div>",
    "plain text": "nothing here is markup",
    "empty": "",
    "lone surrogate": "<html><body><p>bad \ud800 char</p></body></html>",
    "processing instruction": "<html><body><?php echo 1; ?><p>x</p></body></html>",
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_parse_page_builds_load_htmls_tree(name):
    markup = PAGES[name]
    expected, tree = load_html(markup), parse_page(markup)
    assert (tree is None) == (expected is None)
    if tree is not None:
        assert tostring(tree, encoding="unicode") == tostring(expected, encoding="unicode")


def test_every_element_is_a_plain_html_element():
    tree = parse_page(PAGES["article"])
    elements = list(tree.iter())
    assert {e.tag for e in elements} >= {"form", "input", "label", "select", "textarea", "p"}
    assert all(type(e) is HtmlElement for e in elements)
    assert isinstance(load_html(PAGES["article"]).find(".//form"), FormElement)  # what lxml.html's own lookup gives
    assert tree.find(".//form").text_content() == "Lot"  # the HtmlElement methods trafilatura uses are there
    assert load_html(tree) is tree  # trafilatura takes the tree as it is


def test_the_not_html_pages_have_no_tree():
    assert parse_page(PAGES["fragment"]) is None
    assert parse_page(PAGES["empty"]) is None
    assert parse_page(PAGES["article"]) is not None
