"""Event phrases of release and wire language: the conditional forms of ``processors.event_triggers``
that public-health, disaster, military and election copy uses for its happenings.

Each entry is a regex alternative (three literal leading characters, as the lexicon needs) added to its
type's group ahead of the hand-written patterns, so that a phrase wins over a shorter reading of its first
word ("fell to the rebels" is a capture, not a fall; "kicked off" a start, not a kick). Most are a word
that names a happening only before certain words ("completed its deployment", "dissolved parliament",
"treated 40 people for burns") or only in the passive ("were isolated", "was decorated"), where its other
senses are an adjective ("an isolated village", "a decorated officer").
"""

from __future__ import annotations

__all__ = ["PHRASES"]

_TROOPS = r"(?:rebels|insurgents|militants|forces|troops|army|militias?|fighters|jihadists|taliban|separatists)"


def _passive(participle: str) -> str:
    """``participle`` after a form of "be" ("were isolated"), the auxiliary read behind it: a trigger led by "was"
    or "were" would make every such word a candidate for the lexicon."""
    return participle + "(?:" + "|".join(rf"(?<=\b{be} {adverb}{participle})" for be in ("was", "were", "been", "being")
                                         for adverb in _PASSIVE_ADVERBS) + ")"


# what may stand between the auxiliary and the participle ("was later isolated", "were swiftly taken down")
_PASSIVE_ADVERBS = ("", "also ", "still ", "later ", "quickly ", "swiftly ", "reportedly ", "subsequently ",
                    "eventually ", "then ", "immediately ")


def _cut_supply() -> str:
    """"cut" naming an outage: "cut power to the city", "electricity was cut" (a cut budget or rate is no outage,
    so the supply must be named)."""
    supplies = ("power", "electricity", "supply", "supplies")
    passive = "|".join(rf"(?<=\b{what} {be} cut)" for what in supplies
                       for be in ("was", "were", "has been", "had been", "have been"))
    return (r"cut(?:ting)?(?=\s+(?:off\s+)?(?:the\s+)?(?:power|electricity|water)(?:\s+suppl(?:y|ies))?"
            r"\s+(?:to|in|for|across)\b)|cut(?:" + passive + ")")


_CROWDS = ("thousands", "hundreds", "dozens", "crowds", "protesters", "protestors", "demonstrators", "supporters",
           "mourners", "worshippers", "residents", "people", "students", "workers", "fans", "activists")


_PROJECTILES = ("shell", "shells", "rocket", "rockets", "missile", "missiles", "mortar", "mortars", "round", "rounds",
                "bomb", "bombs", "projectile", "projectiles", "drone", "drones", "grenade", "grenades")


_CRAFT = ("plane", "aircraft", "jet", "airliner", "helicopter", "chopper", "ship", "vessel", "ferry", "boat")


def _after(subjects: tuple[str, ...], verb: str) -> str:
    """``verb`` right after one of ``subjects`` ("thousands gathered", "a rocket landed"): with other subjects
    it names no happening ("evidence gathered", "the team landed")."""
    return verb + "(?:" + "|".join(rf"(?<=\b{who} {verb})|(?<=\b{who} had {verb})|(?<=\b{who} who {verb})"
                                   for who in subjects) + ")"


_AREA = (r"(?:city|town|village|capital|positions?|front|border|outskirts|region|province|stronghold|territory|base"
         r"|garrison|government|regime)\b")

PHRASES: dict[str, list[str]] = {
    # health releases: who fell sick, was isolated or treated, what was given out or lifted
    "diagnosis": [r"fell sick|fallen sick"],
    "quarantine": [r"(?:placed|put|kept) (?:in|into|under) (?:strict\s+)?isolation",
                   _passive("isolated") + r"(?!\s+(?:from\s+the\s+(?:rest|outside)|incidents?|cases?)\b)"],
    "hospitalization": [r"treated(?=\s+(?:[\w,'’-]+\s+){1,3}?(?:for|at)\s)"],
    "vaccination": [_passive("administered")],
    "aid": [r"(?:distributed|delivered|handed out)(?=\s+(?:[\w-]+\s+){0,2}?(?:nets|kits|doses|seeds|vouchers"
            r"|meals|cash|shelter|hygiene|drinking water|fuel)\b)"],
    "decision": [r"(?:lifting|easing)(?=\s+of\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,2}?(?:restrictions|measures|sanctions"
                 r"|lockdown|curfew|curbs|rules|ban|embargo|quarantine)\b)",
                 r"dissolved(?=\s+(?:the\s+)?(?:[\w-]+\s+)?(?:parliament|assembly|legislature|government|cabinet"
                 r"|senate|congress|council)\b)",
                 r"adopted(?=\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:resolution|law|bill|budget|constitution"
                 r"|measure|motion|declaration|amendment)\b)"],
    # disasters: what the storm or the fire did, and how it was fought
    "storm": [r"(?:heavy|record|torrential) (?:snowfalls?|snow)"],
    "displacement": [r"(?:took|taken|taking|sought|seeking|found) (?:shelter|refuge)",
                     r"(?:left|leaving|rendered)(?=\s+(?:[\w,.-]+\s+){0,4}?homeless\b)"],
    "firefighting": [r"extinguished|doused|brought (?:\w+\s+)?under control"],
    "accident": [r"caved in", _after(_CRAFT, "went down")],
    "outage": [_cut_supply()],
    # military releases: readiness, exercises, ships, decorations, tours ended
    "mobilization": [r"(?:red|orange|amber|maximum|highest|heightened) alert",
                     r"scrambled(?=\s+(?:(?:[\w-]+\s+){0,2}?(?:jets|fighters|aircraft|planes|helicopters)|to\s+intercept)\b)",
                     _passive("scrambled"),
                     r"air[- ]raid (?:sirens?|alerts?)|sirens (?:sounded|wailed|blared)"],
    "exercise": [r"training (?:exercises?|drills?)|drills",
                 r"tested(?=\s+(?:[\w-]+\s+){0,3}?(?:missiles?|rockets?|weapons?|warheads?|interceptors?|bombs?)\b)"],
    "ceremony": [r"commissioned(?=\s+(?:(?:the|its|a|an|their)\s+)?(?:[\w-]+\s+){0,2}?(?:ship|submarine|vessel"
                 r"|destroyer|frigate|carrier|cutter|warship|corvette|(?-i:USS|HMS|INS))\b)"],
    "award": [_passive("decorated")],
    "end": [r"completed(?=\s+(?:(?:a|an|the|its|their|his|her)\s+)?(?:[\w-]+\s+){0,2}?(?:deployment|rotation|mission"
            r"|exercises?|drills?|training|withdrawal|evacuation|operations?|tour|handover|pullout|repatriation)\b)"],
    # conflict: who advanced, took a town, struck back
    "offensive": [r"counter-?(?:offensives?|attacks?|attacked)",
                  r"dislodged(?=\s+(?:the\s+)?(?:[\w-]+\s+)?(?:militants|insurgents|terrorists|rebels|fighters|bandits"
                  r"|gunmen|enemy|jihadists|kidnappers)\b)",
                  r"(?:pushed|pushing|moved|advanced|drove) (?:deeper|further) into",
                  rf"advanced(?=\s+(?:(?:deeper|further)\s+)?(?:(?:into|towards?)\s+(?:the\s+)?(?-i:[A-Z])"
                  rf"|(?:on|into|towards?)\s+(?:the\s+)?{_AREA}))"],
    "capture": [rf"fell(?=\s+to\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}?{_TROOPS}\b)",
                rf"fall(?=\s+of\s+(?:(?-i:[A-Z][a-z])|(?:the\s+)?(?:[\w-]+\s+)?{_AREA}))"],
    "clash": [r"hostilities"],
    "ceasefire": [r"cessation of hostilities"],
    "recovery": [r"recovery(?=\s+of\s+(?:the\s+)?(?:[\w-]+\s+)?(?:bodies|body|remains|victims)\b)"],
    "withdrawal": [r"pull-?outs?", r"retreat(?=\s+(?:from|of)\b)"],
    "agreement": [r"signing(?=\s+of\b)"],
    "flight": [r"(?:emergency|crash|amphibious|hard|forced) landings?|landing(?=\s+of\b)"],
    "protest": [r"march(?<=(?-i:march))(?=\s+(?:on|to|through|against|towards?)\b)",
                r"(?:poured|spilled|flooded) (?:in)?to the streets"],
    "spread": [r"spread(?=\s+of\s+(?:the\s+)?(?:[\w-]+\s+)?(?:virus|disease|outbreak|infections?|epidemic|fire|flames"
               r"|wildfire|cholera|measles|ebola|flu|influenza)\b)"],
    "explosion": [r"blew (?:himself|herself|themselves) up|went(?<!alarm went)(?<!alarms went) off(?!\s+(?:script|air|track|the\s+rails)\b)"],
    "restriction": [r"martial law", _passive("shut") + r"(?!\s+(?:up|out|in)\b)"],
    "start": [r"kicked off|took effect|came into (?:force|effect)|went into effect|entered into force",
              r"flared(?:\s+up)?",
              # "ever since the conflict started": the conflict is the happening its start names, one event
              r"(?:war|conflict|insurgency|monsoon|crisis) (?:broke out|began|begun|started|erupted)"],
    # elections: counting, certified results, a win by its margin
    "arrest": [r"(?:hauled|dragged|frogmarched) (?:out|off|away)"],
    "censorship": [_passive("taken down"), _passive("censored")],
    "dismissal": [r"relieved of (?:his\s+|her\s+|their\s+)?(?:command|duties|post|position)"],
    "flood": [r"crested"],
    "visit": [r"arrival"],   # not "arrivals": a flow ("arrivals of migrants rose")
    "election": [r"called (?:a\s+|an\s+)?(?:snap|early|fresh|general|new)\s+(?:elections?|polls|vote|referendum)",
                 r"sworn into (?:office|power)",
                 r"(?:vote|ballot) count(?:ing)?|counting(?=\s+(?:of\s+(?:the\s+)?(?:votes|ballots)|(?:is|was)\s+under"
                 r"\s+way|began|begins|started|continued|resumed)\b)", _passive("certified")],
    "win": [r"(?:narrow|decisive|comfortable|convincing|resounding|clear|surprise|shock|stunning|historic"
            r"|outright) wins?"],
}

# wire language for happenings named by a phrase or by a verb's subject; merged into ``PHRASES`` by type
_WIRE_PHRASES: dict[str, list[str]] = {
    "ruling": [r"handed down(?=\s+(?:(?:a|an|the|his|her|its|their)\s+)?(?:[\w-]+\s+){0,2}?(?:sentences?|verdicts?"
               r"|rulings?|judge?ments?|penalty|penalties|decision)\b)"],
    # military releases: arms and goods recovered in a raid are seized (bodies recovered are ``recovery``)
    "capture": [r"recovered(?=\s+(?:[\w,-]+\s+){0,3}?(?:weapons|arms|ammunition|rifles|pistols|guns|grenades|firearms|rounds"
                r"|explosives|magazines|assets|drugs|cocaine|heroin|cannabis|contraband|stolen|loot)\b)"],
    # a storm's life: it weakened or strengthened into another category
    "storm": [r"(?:weakened|strengthened|intensified|was downgraded|was upgraded)(?=\s+(?:in)?to\s+(?:an?\s+)?"
              r"(?:tropical|category|post-tropical|depression|storm|cyclone|hurricane|typhoon|low|remnant|super)\b)"],
    "gathering": [_after(_CROWDS, "gathered"), _after(_CROWDS, "assembled")],
    # what a shell or a rocket did, and a craft that went down, named by its subject
    "strike_hit": [r"(?:slammed|smashed|ploughed|plowed) (?:in)?to",
                   _after(_PROJECTILES, "landed")],
    "dismissal": [r"fired(?=\s+(?:his|her|their|its)\s+(?:[\w-]+\s+){0,2}?(?:ministers?|chief|director|head"
                  r"|coach|manager|commander|secretary|ceo|advis[eo]rs?|deputy|spokes(?:man|woman|person)|cabinet)\b)"],
    "recovery": [r"found(?=\s+(?:[\w,-]+\s+){0,3}?(?:bodies|body|remains|corpses)\b)(?!\s+(?:guilty|dead)\b)"],
    "strike": [r"walked off the job"],
    "lawsuit": [r"(?:dragged|took|taken|taking|takes) (?:[\w.'’-]+,?\s+){1,8}?to court"],
    # markets: a new high scaled, shares sent lower
    "change": [r"peaked(?=\s+(?:at|in|on)\b)", r"(?:doubled|tripled|quadrupled)(?!\s+(?:as|down|up)\b)",
               r"(?:scaled|touched|reached|notched|posted|set) (?:a\s+|an\s+)?(?:new\s+|fresh\s+|record\s+|all-time\s+"
               r"|multi-year\s+|\d+-(?:year|month|week)\s+)+(?:highs?|lows?|peaks?)\b",
               r"(?:sending|sent)(?=\s+(?:its\s+|their\s+|the\s+)?(?:[\w-]+\s+)?(?:shares|stocks|prices|markets?|index|indices"
               r"|yields|currency)\s+(?:lower|higher|down|up|tumbling|soaring|plunging|sliding|falling|rising)\b)"],
    # a word of many senses that names a happening before certain words
    "bankruptcy": [r"defaulted(?=\s+on\b)"],
    "filing": [r"lodged(?!\s+(?:in|inside|into|between|under)\b)"],
    "mobilization": [r"sent(?=\s+(?:[\w-]+\s+){0,3}?(?:troops|soldiers|forces|warships|reinforcements|fighter jets"
                     r"|police officers|peacekeepers)\b)"],
    "aid": [r"sent(?=\s+(?:[\w,-]+\s+){0,3}?(?:aid|food|supplies|tents|blankets|medicines?|relief|rations)\b)"],
    "restriction": [r"grounded(?=\s+(?:(?:its|their|the|all)\s+)?(?:[\w-]+\s+)?(?:fleets?|flights|planes"
                    r"|aircraft|jets|helicopters|airliners)\b)"],
    "transaction": [r"invested(?=\s+(?:about\s+|nearly\s+|more\s+than\s+|some\s+|over\s+|another\s+|an\s+additional\s+)?"
                    r"(?:[$€£¥]|US\$|\d))"],
}
for _kind, _phrases in _WIRE_PHRASES.items():
    PHRASES.setdefault(_kind, []).extend(_phrases)

from newswire.processors.event_release_phrases import RELEASE_PHRASES  # noqa: E402

for _kind, _phrases in RELEASE_PHRASES.items():
    PHRASES.setdefault(_kind, []).extend(_phrases)
