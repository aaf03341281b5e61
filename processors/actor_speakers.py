"""Who speaks in a statement that names no one by name: the common nouns news copy uses for its sources
("witnesses said", "security sources said"), a spokesperson named by the body he speaks for ("a police
spokesman said"), and the verbs whose object is what was said or who heard it, never the speaker.
"""

from __future__ import annotations

import bisect
import re
from typing import Sequence

from newswire.processors.actor_names import ActorMention
from newswire.processors.lexicon import is_person_noun
from newswire.processors.place_names import NEWS_AGENCIES

__all__ = ["CLAUSE_VERBS", "LISTENER_VERBS", "SPEAKER_NOUNS", "bare_speaker", "reporting_body", "reports_clause",
           "spokesperson_body"]

# the unnamed sources of wire copy: they say, they are rarely anything else's subject in a report
SPEAKER_NOUNS = frozenset("""witnesses witness eyewitnesses sources source observers monitors analysts experts
relatives neighbours neighbors diplomats mediators medics paramedics media""".split())
# "said soldiers opened fire", "added that the army had withdrawn": the object is what was said, so the
# actors named after the verb did the reported deed, nothing was done to them by the speaker
CLAUSE_VERBS = frozenset({"said", "says", "say", "added", "adds", "stated", "noted", "wrote", "explained",
                          "insisted", "stressed"})
# "said in a statement to ...", "wrote of Trump": a phrase of the saying, whose names may be actors of it
_SAYING_ADJUNCT_RE = re.compile(r"\s+(?:in|at|on|to|of|during|via|through|with|after|before|while|late|early|earlier"
                                r"|later|last|this|yesterday|today|on)\b")
# "told Reuters", "told reporters": the one named after the verb heard it, did not say it
LISTENER_VERBS = frozenset({"told", "tells", "telling", "informed"})
# "a police spokesman", "an army spokeswoman", "a rebel spokesman": the modifier names the body itself, so the
# spokesperson speaks for it, not for whatever body the text named last; a modifier like "company" or
# "ministry" stands in for a name given before ("Acme ... a company spokesperson said")
_SELF_NAMING = frozenset("""police army military navy government rebel rebels militant militants insurgent opposition
campaign party palace presidential embassy hospital junta coalition taliban""".split())


def spokesperson_body(text: str, mentions: Sequence[ActorMention], starts: Sequence[int], phrase_start: int,
                      phrase_end: int) -> ActorMention | None:
    """The body an unnamed spokesperson (``text[phrase_start:phrase_end]``, "a police spokesman") speaks for,
    where the phrase itself names it: the last mention in the paragraph whose words hold the modifier ("the
    Philippine National Police ... a police spokesman said"), else the phrase itself; None for a modifier that
    stands in for a name ("a company spokesperson"), which the caller resolves."""
    words = text[phrase_start:phrase_end].split()
    spokes = next((k for k, w in enumerate(words) if w.lower().startswith("spokes")), 0)
    if spokes == 0 or words[spokes - 1].lower() not in _SELF_NAMING:
        return None
    modifier = words[spokes - 1].lower().rstrip("s")
    paragraph = text.rfind("\n", 0, phrase_start)
    i = bisect.bisect_left(starts, phrase_start) - 1
    while i >= 0 and mentions[i].start > paragraph and phrase_start - mentions[i].start < 1500:
        a = mentions[i]
        if a.kind != "person" and a.name not in NEWS_AGENCIES and a.name[:1].isupper() \
                and modifier in a.written.lower():
            return a
        i -= 1
    begin = phrase_start + len(" ".join(words[:spokes - 1])) + (1 if spokes > 1 else 0)
    name = text[begin:phrase_end]
    return ActorMention(begin, phrase_end, name, name, "organisation", None, None)


def reports_clause(text: str, sent_start: int, start: int, end: int) -> bool:
    """Whether the saying verb ``text[start:end]`` takes what was said right after it ("Police said the
    gunman fled"), so the names there are no one the speaker acted on; not so for a verb after its quote
    or set off by commas ('"...," said Ana Ruiz, head of X': the speaker and her body follow) or one
    followed by a phrase of the saying itself ("said in a statement to the council")."""
    if text[start:end].lower() not in CLAUSE_VERBS:
        return False
    lead = text[sent_start:start].rstrip()
    if not lead or lead[-1] in ",\"”’'—-":
        return False
    return _SAYING_ADJUNCT_RE.match(text, end) is None


# ", security sources said", ", medical sources told AFP", ", residents said": a noun phrase with no article
# set off by a comma right before the verb
_BARE_SPEAKER_RE = re.compile(r",\s+(?P<d>(?:[a-z][\w-]*\s+){0,2}(?P<n>[a-z]+))\s+(?:(?:also|later|have|has|had)\s+)?$")
_NOT_MODIFIERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our", "and", "but", "which", "who", "that",
                            "as", "while", "when", "where", "after", "before", "killing", "leaving", "including"})
_NOT_SPEAKERS = frozenset({"people", "others", "dead", "wounded", "injured", "bodies", "members", "persons"})


def bare_speaker(text: str, sent_start: int, start: int) -> ActorMention | None:
    """The speaker a bare plural for people names right before the saying verb at ``start``, set off by a
    comma (", security sources said", ", witnesses told AFP"), else None."""
    comma = text.rfind(",", max(sent_start, start - 50), start)
    m = _BARE_SPEAKER_RE.match(text, comma, start) if comma >= 0 else None
    if m is None:
        return None
    words = m.group("d").split()
    noun = m.group("n")
    if noun in _NOT_SPEAKERS or _NOT_MODIFIERS.intersection(words) or not (
            noun in SPEAKER_NOUNS or noun.endswith("s") and is_person_noun(noun)):
        return None
    name = m.group("d")
    return ActorMention(m.start("d"), m.end("d"), name, name, "group", None, None)


# "Police spokesman Ana Ruiz said", "army spokeswoman Col. X said": the body the titled speaker speaks for
_BODY_TITLE_RE = re.compile(r"\b(?P<b>[Pp]olice|[Aa]rmy|[Mm]ilitary|[Nn]avy|[Cc]oast [Gg]uard|[Ff]ire [Dd]epartment"
                            r"|[Gg]endarmerie)\s+spokes(?:man|woman|person)\s+")


def reporting_body(text: str, sent_start: int, said: tuple[int, int], speaker: list) -> list[ActorMention]:
    """The body that reports an act of its own in the passive ("14 were arrested, the coast guard said"), from
    the ``speaker`` (actors) of the saying verb ``said``: a body as it is named; a person as the body his title
    says he speaks for ("Police spokesman Ana Ruiz said 40 were detained": the police), else no one."""
    out = [ActorMention(said[0], said[1], a.name, a.name, a.kind, a.role, a.country_code)
           for a in speaker if a.kind != "person" and a.name not in NEWS_AGENCIES]
    if not out and speaker and text.find("spokes", sent_start, said[0]) >= 0:
        m = _BODY_TITLE_RE.search(text, sent_start, said[0])
        if m is not None:
            body = m.group("b").lower()
            out = [ActorMention(m.start("b"), m.end("b"), body, body, "organisation", None, None)]
    return out
