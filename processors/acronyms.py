"""Acronyms and the names they abbreviate, written in the same text: "Customs and Border Protection (CBP)"
(before or after the acronym's use: a text may define it late), "Ministry of Trade, Industry and Energy
(MOTIE)", or a run of capitalised words whose initials the acronym is ("Pacific Gas & Electric Co. ...
PG&E")."""

from __future__ import annotations

import re

_INITIAL_SKIP = frozenset({"of", "and", "for", "the", "on", "&", "Co.", "Co", "Inc.", "Inc", "Ltd", "Ltd.", "Corp.",
                           "Corp", "LLC", "plc"})
# possessive: no shorter word or gap lets the next part match (a word never holds a comma or a space)
_LONG_NAME_RE = re.compile(r"[A-Z][\w.'’-]*+(?:,?+[ \t]++(?:[A-Z][\w.'’-]*+|&|and|of|for|the)){1,7}")


def full_names(text: str, acronyms: list[tuple[int, str]]) -> dict[int, str]:
    """Offset -> full name, for each (offset, acronym) whose name the text writes."""
    if not acronyms:
        return {}
    known: dict[str, str | None] = {}
    runs = _Runs(text)
    out: dict[int, str] = {}
    for start, written in acronyms:
        if written not in known:
            known[written] = _long_form(text, written, runs)
        if known[written] is not None:
            out[start] = known[written]
    return out


def _long_form(text: str, acronym: str, runs: _Runs) -> str | None:
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
    return runs.named(letters)


class _Runs:
    """The text's runs of capitalised words with two initials or more, read only as far as a lookup needs:
    most texts' acronyms are defined in brackets, and a scan of the whole text for runs is what cost."""

    def __init__(self, text: str):
        self._matches = _LONG_NAME_RE.finditer(text)
        self._read: list[tuple[str, list[str], list[int]]] = []   # (initials, words, heads) of each run so far

    def named(self, initials: str) -> str | None:
        """The first run (its last words included) whose capitalised words from one of them on have these
        ``initials`` ("utility Pacific Gas & Electric Co." gives "Pacific Gas & Electric Co." for "PGE")."""
        if len(initials) < 2:
            return None
        for run in self._read:
            if run[0].endswith(initials):
                return self._name(run, initials)
        for m in self._matches:
            words = m.group(0).replace("&", " & ").split()
            heads = [k for k, w in enumerate(words) if w not in _INITIAL_SKIP and w[:1].isupper()]
            if len(heads) < 2:
                continue
            run = ("".join(words[k][0] for k in heads), words, heads)
            self._read.append(run)
            if run[0].endswith(initials):
                return self._name(run, initials)
        return None

    @staticmethod
    def _name(run: tuple[str, list[str], list[int]], initials: str) -> str:
        letters, words, heads = run
        tail = words[heads[len(letters) - len(initials)]:]
        while tail and tail[-1].rstrip(",") in ("the", "and", "of", "for", "on", "&"):
            tail = tail[:-1]
        return " ".join(tail).rstrip(",")
