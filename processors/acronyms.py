"""Acronyms and the names they abbreviate, written in the same text: "Customs and Border Protection (CBP)"
(before or after the acronym's use: a text may define it late), "Ministry of Trade, Industry and Energy
(MOTIE)", or a run of capitalised words whose initials the acronym is ("Pacific Gas & Electric Co. ...
PG&E")."""

from __future__ import annotations

import re
from typing import Sequence

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
        found = bracketed_name(text, at, acronym)
        if found is not None:
            return found[1]
    return runs.named(letters)


# the small words inside a body's name: "Mission in South Sudan", "Ministry of Trade, Industry and Energy"
_NAME_JOINERS = frozenset({"of", "and", "for", "the", "in", "&", "de", "del", "la", "des", "du"})
# "al-Islam", "wal-Muslimin": an Arabic article joined to a capitalised word is inside the name, not before it
_NAME_WORD_RE = re.compile(r"[A-Z][\w.'’-]*,?|[a-z]+|&|(?:al|el|wal|ul|ad|an|ar|as|ash|at|az)-[A-Z][\w'’-]*,?")
# the first words of a body's name translated from another language, which keeps the acronym of the original:
# "Group for the Support of Islam and Muslims (JNIM)", "Front for the Liberation of ... (FLEC)"
_TRANSLATED_HEADS = frozenset({"Group", "Movement", "Front", "Union", "Party", "Alliance", "Coalition", "Army",
                               "Organisation", "Organization", "Council", "Congress", "Rally", "League"})


def bracketed_name(text: str, at: int, acronym: str) -> tuple[int, str] | None:
    """(offset, name) of the name written just before "(ACRONYM)" at ``at``, if the acronym abbreviates it:
    its initial starts the name ("Rapid Support Forces (RSF)"), else most of its letters are the name's
    initials, as a name translated from the body's own language keeps them in another order ("Executive
    Secretariat of the National Coordinator for Disaster Reduction (SE-CONRED)"). A party after a person's
    name ("Jane Doe (PDP)") shares no initial with it and is no definition."""
    words: list[tuple[int, str]] = []
    end = at
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    pos = end
    while len(words) < 14:
        k = text.rfind(" ", max(0, pos - 40), pos)
        start = k + 1 if k >= 0 else max(0, pos - 40)
        word = text[start:pos]
        if not word or not _NAME_WORD_RE.fullmatch(word) or word[0].islower() and word not in _NAME_JOINERS \
                and "-" not in word \
                or word.endswith(",") and (not words or not words[-1][1][:1].isupper()):
            break   # "..., the Ministry": a comma inside a name only before another of its capitalised words
        if word[-1] == "." and words and len(word) > 4:
            break   # "... on Monday. The Ministry": the sentence before
        words.append((start, word))
        if k < 0 or text[k - 1:k] in ("\n", "\t"):
            break
        pos = k
    words.reverse()
    while words and words[-1][1].rstrip(",") in _NAME_JOINERS:
        words.pop()
    letters = [c for c in acronym if c.isalpha()]
    if not letters or not words:
        return None
    starts = [k for k, (_, w) in enumerate(words) if w[0].isupper() and w not in ("The", "A", "An")]
    best = None
    for k in starts:   # the longest name whose initial is the acronym's (the name's last word alone is none:
        # "People's National Army (ANP)", whose translated name ends in a word with the acronym's initial)
        if words[k][1][0] == letters[0] and len(words) - k >= 2:
            best = k
            break
    if best is None:   # the shortest name holding as many of the acronym's letters as any: "Units of the
        # People's National Army (ANP)" is the army's; "General Staff of the Togolese Armed Forces (FAT)" the forces'
        covered = 0
        for k in starts:
            initials = {w[0] for _, w in words[k:] if w[0].isupper()}
            found = sum(c in initials for c in set(letters))
            if len(initials) > 1 and found >= 0.6 * len(set(letters)) and found >= covered:
                best, covered = k, found
    if best is None:   # a translated name with a body's head and a joiner: "Group for the Support of Islam (JNIM)"
        best = next((k for k in starts if words[k][1] in _TRANSLATED_HEADS and len(words) - k >= 4
                     and any(w in ("for", "of") for _, w in words[k:])), None)
    if best is None or len(words) - best < 2:
        return None   # "Hamas (HMS)": one word is no name an acronym was made of
    name = " ".join(w for _, w in words[best:]).rstrip(",")
    return words[best][0], name


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


def defined_spans(text: str, mentions: Sequence, names: dict[int, str]) -> list[tuple[int, int, str]]:
    """(start, end, name) of each name defined by the acronym in brackets after it (``mentions``: the actor
    layer's, each with its ``start``), where the runs of capitals read it as pieces ("Institute of Geography"
    and "Statistics"): the pieces are the one body."""
    out = []
    for a in mentions:
        full = names.get(a.start)
        if full is not None and text[a.start - 1:a.start] == "(":
            at = text.rfind(full, max(0, a.start - len(full) - 4), a.start)
            if at >= 0:
                out.append((at, at + len(full), full))
    return out
