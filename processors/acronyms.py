"""Acronyms and the names they abbreviate, written in the same text: "Customs and Border Protection (CBP)"
(before or after the acronym's use: a text may define it late), "Ministry of Trade, Industry and Energy
(MOTIE)", or a run of capitalised words whose initials the acronym is ("Pacific Gas & Electric Co. ...
PG&E")."""

from __future__ import annotations

import re

_INITIAL_SKIP = frozenset({"of", "and", "for", "the", "on", "&", "Co.", "Co", "Inc.", "Inc", "Ltd", "Ltd.", "Corp.",
                           "Corp", "LLC", "plc"})
_LONG_NAME_RE = re.compile(r"[A-Z][\w.'’-]*(?:,?[ \t]+(?:[A-Z][\w.'’-]*|&|and|of|for|the)){1,7}")


def full_names(text: str, acronyms: list[tuple[int, str]]) -> dict[int, str]:
    """Offset -> full name, for each (offset, acronym) whose name the text writes."""
    if not acronyms:
        return {}
    known: dict[str, str | None] = {}
    runs: dict[str, tuple[int, str]] | None = None   # the text's runs of capitalised words, on first need
    out: dict[int, str] = {}
    for start, written in acronyms:
        if written not in known:
            if runs is None:
                runs = _runs_by_initials(text, len(text))
            known[written] = _long_form(text, written, runs)
        if known[written] is not None:
            out[start] = known[written]
    return out


def _long_form(text: str, acronym: str, runs: dict[str, tuple[int, str]]) -> str | None:
    """The name ``acronym`` abbreviates: "Customs and Border Protection (CBP)",
    or a run of capitalised words whose initials it is ("Pacific Gas & Electric Co." for "PG&E")."""
    letters = acronym.replace("&", "").replace(".", "")
    at = text.find(f"({acronym})")   # defined before or after its use: "CBP said ... Customs and Border Protection (CBP)"
    if at > 0:
        m = None
        for m in _LONG_NAME_RE.finditer(text, max(0, at - 80), at):
            pass
        if m is not None and text[m.end():at].strip() == "":
            name = m.group(0)
            words = name.split()
            while words and words[0] in ("The", "the", "and", "of", "for", "&"):
                words = words[1:]
            while words and words[-1].rstrip(",") in ("the", "and", "of", "for", "&"):
                words = words[:-1]   # "Drug Enforcement Administration and, for": the name ends before
            if words and words[0][0] == letters[0]:
                return " ".join(words)
    found = runs.get(letters)
    return found[1] if found is not None else None


def _runs_by_initials(text: str, end: int) -> dict[str, tuple[int, str]]:
    """Initials -> (end, name) of the first run of capitalised words with those initials, the run's last
    words included ("utility Pacific Gas & Electric Co." gives "PGE" for "Pacific Gas & Electric Co.")."""
    out: dict[str, tuple[int, str]] = {}
    for m in _LONG_NAME_RE.finditer(text, 0, end):
        words = m.group(0).replace("&", " & ").split()
        heads = [k for k, w in enumerate(words) if w not in _INITIAL_SKIP and w[:1].isupper()]
        if len(heads) < 2:
            continue
        letters = "".join(words[k][0] for k in heads)
        for i, k in enumerate(heads[:-1]):   # each suffix starting at a capitalised word
            key = letters[i:]
            if key not in out:
                tail = words[k:]
                while tail and tail[-1].rstrip(",") in ("the", "and", "of", "for", "on", "&"):
                    tail = tail[:-1]
                out[key] = (m.end(), " ".join(tail).rstrip(","))
    return out
