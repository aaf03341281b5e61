"""Coverage-guided fuzz target for the cleaner and the extractor (atheris), run by hand, not by pytest.

    .venv/bin/pip install -e '.[fuzz]'
    mkdir -p /tmp/fuzz-corpus
    .venv/bin/python tests/fuzz/fuzz_clean_extract.py /tmp/fuzz-corpus tests/fixtures/site/articles \\
        -max_total_time=600 -timeout=20 -rss_limit_mb=4096

Each input is one of three things, picked by its first byte:

- raw bytes, cleaned as a fetched page (``ingest.clean.clean_article``) and its text extracted;
- a page built from fuzzed parts where hostile input goes in a real page: title, ``<meta>``
  publication times, rel=canonical, ``<html lang>``, paragraphs, charset; then cleaned and extracted;
- fuzzed text with a fuzzed publication date, straight into ``processors.extract.extract``.

What counts as a finding (an uncaught exception, the input saved by libFuzzer as ``crash-*``):
``clean_article`` raising anything but :class:`PermanentFetchError`; a cleaned article whose
``published_at`` is not UTC or whose ``canonical_url`` the poller could not canonicalise; the
poller's ``ArticleRecord`` refusing what clean returned; ``extract`` raising at all. A slow input is
``timeout-*`` (libFuzzer's ``-timeout``, seconds). Re-run one finding with
``.venv/bin/python tests/fuzz/fuzz_clean_extract.py crash-<sha1>``.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

try:
    import atheris
except ImportError:  # pragma: no cover - a hand-run tool
    sys.exit("atheris is not installed: .venv/bin/pip install -e '.[fuzz]'")

# Third-party code is imported before instrumenting: coverage feedback comes from newswire's code.
import charset_normalizer  # noqa: E402,F401
import lxml.html  # noqa: E402,F401
import trafilatura  # noqa: E402,F401

with atheris.instrument_imports(include=["ingest", "processors", "newswire"]):
    from newswire.ingest.clean import clean_article
    from newswire.errors import PermanentFetchError
    from newswire.ids import article_id, canonical_url, content_hash
    from newswire.records import ArticleRecord
    from newswire.processors.extract import extract

URL = "https://news.example/world/2025/03/story.html"
DATES = ["2025-03-02T08:30:00+01:00", "9999-12-31T23:00:00-05:00", "0001-01-01T00:30:00+05:00",
         "2025-02-30", "10000-01-01", "-0001-01-01", "2025-03-02T25:61:61Z", "1e9", "", "\x00"]
CHARSETS = ["utf-8", "cp1252", "utf-16", "iso-2022-jp", "shift_jis", "x-nonsense", "utf-7"]


def build_page(fdp: "atheris.FuzzedDataProvider") -> tuple[bytes, str | None]:
    def text(most: int) -> str:
        return fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, most))

    published = fdp.PickValueInList(DATES) if fdp.ConsumeBool() else text(40)
    canonical = fdp.PickValueInList(["https://news.example/a", "http://[::1/x", "https://news.example:99999/a",
                                     "//news.example/b", "javascript:x"]) if fdp.ConsumeBool() else text(80)
    charset = fdp.PickValueInList(CHARSETS)
    body = text(2000)
    paragraphs = "".join(f"<p>{body} {i}. Officials said the figure rose to {i} 000.</p>"
                         for i in range(fdp.ConsumeIntInRange(2, 6)))
    page = (f'<html lang="{text(5)}"><head><meta charset="{charset}"><title>{text(100)}</title>'
            f'<meta property="article:published_time" content="{published}">'
            f'<link rel="canonical" href="{canonical}">'
            f'<script type="application/ld+json">{{"datePublished": "{text(30)}"}}</script></head>'
            f"<body><article><h1>{text(100)}</h1>{paragraphs}</article></body></html>")
    http_charset = fdp.PickValueInList([None, *CHARSETS])
    try:
        encoded = page.encode(charset)
    except (LookupError, UnicodeError):
        encoded = page.encode("utf-8", "surrogatepass")
    return encoded, http_charset


def check_clean(html: bytes, charset: str | None) -> None:
    try:
        cleaned = clean_article(html, URL, charset=charset)
    except PermanentFetchError:
        return
    if cleaned.published_at is not None:
        assert cleaned.published_at.utcoffset() == dt.timedelta(0), cleaned.published_at
    canonical = canonical_url(cleaned.canonical_url or URL)  # what the poller does next
    ArticleRecord(article_id=article_id(canonical), url=URL, canonical_url=canonical, feed_url=None, guid=None,
                  title=cleaned.title, author=cleaned.author, site=cleaned.site, language=cleaned.language,
                  text=cleaned.text, content_hash=content_hash(cleaned.text), published_at=cleaned.published_at)
    extract(cleaned.text, cleaned.published_at)


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    mode = fdp.ConsumeIntInRange(0, 2)
    if mode == 0:
        check_clean(fdp.ConsumeBytes(fdp.remaining_bytes()), None)
    elif mode == 1:
        check_clean(*build_page(fdp))
    else:
        published = None
        if fdp.ConsumeBool():
            published = dt.datetime(fdp.ConsumeIntInRange(1, 9999), fdp.ConsumeIntInRange(1, 12),
                                    fdp.ConsumeIntInRange(1, 28), tzinfo=dt.timezone.utc)
        extract(fdp.ConsumeUnicode(fdp.remaining_bytes()), published)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
