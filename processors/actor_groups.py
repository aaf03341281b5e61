"""Armed and political groups written as a name and a noun for their members: "Hamas militants", "Houthi
rebels", "Maoist insurgents", "Pro-Russian separatists", and the coalitions and proxies named by who leads
or backs them: "the Saudi-led coalition", "Kurdish-led forces", "Iran-backed Houthi rebels"; and a group that
only describes a place ("Hamas-run Gaza") is no actor there; a party's name before the lower-case "party" is
the party ("the ruling Morena party").

The name and the noun are one actor: left apart, the noun alone ("militants") is the nearest mention to the
verb and stands in for the group the story names.
"""

from __future__ import annotations

import re

from newswire.processors.actor_names import GROUPS, ActorMention

__all__ = ["join_member_nouns"]

# the nouns for a group's armed or marching members; "forces" and "troops" after a demonym make a state
# ("Israeli forces"), which the actor layer reads before this
_MEMBERS = ("militants|militant|rebels|fighters|insurgents|jihadists|separatists|gunmen|militiamen|militia|militias"
            "|guerrillas|guerillas|mercenaries|paramilitaries|extremists|loyalists|forces|troops|supporters"
            "|protesters|protestors|demonstrators|activists")
_MEMBER_AFTER_RE = re.compile(r" (?:%s)\b" % _MEMBERS)
# "Saudi-led coalition", "Kurdish-led forces", "Iran-backed Houthi rebels", "Russian-backed separatists"
_LED_RE = re.compile(r"\b(?!(?:The|A|An|In|On|At|But|And|As|By)\s)(?P<by>[A-Z][\w.'’]*(?:[ -][A-Z][\w.'’]*)?)-(?P<how>led|backed|allied|aligned|supported|sponsored)"
                     r" (?P<rest>(?:[A-Z][\w'’-]* ){0,3}(?:%s|coalition|alliance|groups?|government)\b)" % _MEMBERS)

# "the ruling Morena party", "the far-right Chega party": a party named before the lower-case noun
_NOT_NAMES = frozenset({"The", "A", "An", "His", "Her", "Its", "Their", "This", "That", "But", "And", "Party"})
_PARTY_RE = re.compile(r"(?<![\w-])(?P<p>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,3}) party\b")
_HOW = ("-led ", "-backed ", "-allied ", "-aligned ", "-supported ", "-sponsored ", "-run ", "-controlled ", "-held ",
        "-ruled ", "-administered ")
# "in Hamas-run Gaza", "Houthi-controlled Sanaa": the group describes where, it does not act there
_RULED_PLACE_RE = re.compile(r"(?<![\w-])(?P<ruler>[A-Z][\w'’-]*?)-(?:run|controlled|held|ruled|administered) [A-Z]")


def join_member_nouns(text: str, found: list[ActorMention]) -> list[ActorMention]:
    """``found`` with each group's or organisation's name joined to the members' noun written right after it
    ("Hamas militants": one group, named as the group where it is a known one), each "X-led"/"X-backed" phrase
    one group (named without its backer: the Houthi rebels act, not Iran) and each "<Name> party" one party;
    the mentions inside a joined span, and a group that only rules a place named after it, are dropped."""
    joined: list[ActorMention] = []
    for a in found:
        if a.kind in ("group", "organisation", "person") and a.written[:1].isupper() and a.name[:1].isupper() \
                and (" " not in a.name or a.name in GROUPS) and (m := _MEMBER_AFTER_RE.match(text, a.end)) is not None:
            # one word before the noun: "Hamas", "Maoist", "Pro-Russian"; a longer run is a full name already
            written = text[a.start:m.end()]
            name = a.name if a.name in GROUPS else written   # "Boko Haram fighters" are Boko Haram
            name = name + "s" if name + "s" in GROUPS else name   # "Houthi rebels" are the Houthis
            joined.append(ActorMention(a.start, m.end(), name, written, "group", None, a.country_code))
    # str.find is far cheaper than a regex over the text: most articles hold none of these
    hyphens = [k for k in _HOW if k in text]
    for m in _LED_RE.finditer(text) if any(k in ("-led ", "-backed ", "-allied ", "-aligned ", "-supported ",
                                                     "-sponsored ") for k in hyphens) else ():
        rest = m.group("rest")
        # the backer is no part of a named group's name ("Iran-backed Houthi rebels"), but of an unnamed one's
        name = rest if m.group("how") != "led" and rest[:1].isupper() else m.group(0)
        joined.append(ActorMention(m.start(), m.end(), name, m.group(0), "group", None, None))
    for m in _PARTY_RE.finditer(text) if " party" in text else ():
        words = m.group("p").split()
        while words and words[0] in _NOT_NAMES:
            words.pop(0)   # "The Labour party": the name starts after the article
        if words:
            at = m.end() - len(" party") - len(" ".join(words))
            name = text[at:m.end()]
            joined.append(ActorMention(at, m.end(), name, name, "organisation", None, None))
    ruled = any(k in ("-run ", "-controlled ", "-held ", "-ruled ", "-administered ") for k in hyphens)
    if not joined and not ruled:
        return found
    spans = [(j.start, j.end) for j in joined]
    return [a for a in found if not any(s <= a.start and a.end <= e for s, e in spans) and not (
        ruled and (r := _RULED_PLACE_RE.match(text, a.start)) is not None and r.end("ruler") == a.end)] + joined
