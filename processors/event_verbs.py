"""The event vocabulary by class: for each event type, the verbs news uses for it, inflected by rule.

``processors.event_triggers`` holds the hand-written patterns (phrases, words that name a happening
only before certain words); this module adds, for each type, the past and participle of its common
verbs (phrasal verbs with their particle: "stepped down", "hit out") and the nouns that name the act
(with their plurals), so that a type's language is covered as a whole and not only in the forms that
some text happened to use. Base forms are left out (a bare verb is nearly always unrealised: "to
investigate", "will announce"), and so are -s and -ing forms but where the gerund names the act
(:data:`PRESENT_EVENTS`: "the beheading", "is stepping down"; elsewhere "it confirms", "the marching
band"), and forms that are mostly an adjective (:data:`NOT_EVENTS`: "the fallen soldiers").

:func:`inflect` is the rule set: "e" dropped before "-ing"/"-ed" ("raze" -> "razing", "razed"), "y"
after a consonant to "ie"/"i" ("decry" -> "decries", "decried"), a final consonant doubled where the
lemma is written with ``+`` ("acquit+" -> "acquitted") or is one syllable ending in a single vowel and
consonant ("rob" -> "robbed"), and irregular pasts from :data:`_IRREGULAR`.
"""

from __future__ import annotations

__all__ = ["EXTRA_FORMS", "NOT_EVENTS", "PRESENT_EVENTS", "inflect"]

_IRREGULAR = {  # lemma -> past, participle
    "fight": ("fought", "fought"), "sell": ("sold", "sold"), "buy": ("bought", "bought"), "pay": ("paid", "paid"),
    "flee": ("fled", "fled"), "meet": ("met", "met"), "speak": ("spoke", "spoken"), "steal": ("stole", "stolen"),
    "sink": ("sank", "sunk"), "withdraw": ("withdrew", "withdrawn"), "slay": ("slew", "slain"),
    "shrink": ("shrank", "shrunk"), "grow": ("grew", "grown"), "rise": ("rose", "risen"), "fall": ("fell", "fallen"),
    "take": ("took", "taken"), "retake": ("retook", "retaken"), "overrun": ("overran", "overrun"), "overthrow": ("overthrew", "overthrown"),
    "shut": ("shut", "shut"), "quit": ("quit", "quit"), "hit": ("hit", "hit"), "set": ("set", "set"),
    "uphold": ("upheld", "upheld"), "plead": ("pleaded", "pled"), "fly": ("flew", "flown"),
    "strike": ("struck", "struck"), "lay": ("laid", "laid"), "slide": ("slid", "slid"), "win": ("won", "won"),
    "hang": ("hanged", "hanged"), "shoot": ("shot", "shot"), "begin": ("began", "begun"),
    "kick": ("kicked", "kicked"), "break": ("broke", "broken"), "swear": ("swore", "sworn"),
}

# type -> lemmas (a phrasal verb joins its particle with "_": "step_down"; "+" doubles the last consonant)
_VERBS = {
    "attack": "attack assault ambush massacre strafe gun_down open_fire retaliate rape torture grab+ kick shove slap "
              "ram+",
    "casualties": "kill die wound injure drown perish succumb maim electrocute pass_away",
    "murder": "murder assassinate behead strangle lynch slay slaughter",
    "clash": "clash fight battle scuffle brawl skirmish",
    "raid": "raid storm swoop crack_down",
    "offensive": "invade",
    "explosion": "explode detonate",
    "kidnapping": "kidnap+ abduct hijack",
    "arrest": "arrest detain apprehend nab jail imprison round_up incarcerate handcuff remand",
    "trial": "sentence convict acquit+ indict charge prosecute arraign",
    "plea": "plead confess",
    "ruling": "rule uphold strike_down",
    "lawsuit": "sue",
    "fine": "fine penalize penalise",
    "disappearance": "vanish disappear",
    "appointment": "appoint nominate reappoint",
    "diagnosis": "diagnose sicken fall_ill test_positive",
    "vaccination": "vaccinate inoculate immunize immunise",
    "interception": "intercept shoot_down repel+ thwart foil interdict",
    "impact": "batter pound ravage inundate submerge strand maroon jolt pummel pummel+ scorch rock",
    "layoffs": "lay_off",
    "merger": "acquire merge buy_out",
    "quarantine": "quarantine self-isolate",
    "hearing": "testify grill interrogate question",
    "dismissal": "sack oust impeach demote depose",
    "cancellation": "cancel scrap+ call_off shelve scuttle postpone delay reschedule",
    "crime": "rob steal burgle smuggle vandalize vandalise carjack embezzle defraud molest harass extort bribe "
             "launder",
    "discovery": "discover detect uncover unearth",
    "filing": "file submit+",
    "launch": "unveil roll_out introduce debut premiere",
    "transaction": "sell buy purchase pay donate",
    "eviction": "evict",
    "hiring": "recruit hire enlist",
    "legalization": "legalize legalise outlaw criminalize criminalise decriminalize decriminalise",
    "extension": "extend",
    "trip": "travel tour",
    "transfer": "transport transfer+ hand_over deport extradite repatriate",
    "criticism": "slam lambast assail praise decry rebuke chide berate castigate hit_out lash_out take_aim scold",
    "release": "free release liberate rescue pardon parole",
    "protest": "protest riot boycott picket march chant",
    "election": "elect re-elect reelect inaugurate",
    "fire": "burn torch gut engulf",
    "accident": "crash collide derail capsize sink",
    "blockade": "besiege encircle",
    "resignation": "resign step_down step_aside abdicate quit",
    "sanctions": "sanction blacklist",
    "mobilization": "deploy mobilize mobilise dispatch",
    "threat": "threaten vow",
    "agreement": "agree sign ink broker hammer_out",
    "withdrawal": "withdraw pull_out retreat cede",
    "capture": "seize annex recapture retake overrun+ confiscate impound",
    "damage": "destroy raze flatten demolish wreck wash_away uproot knock_down dismantle",
    "condemnation": "condemn denounce",
    "accusation": "accuse blame allege",
    "meeting": "meet convene",
    "win": "win defeat clinch triumph unseat",
    "restriction": "ban suspend shut_down halt bar censor shutter",
    "demand": "request",
    "flight": "touch_down",
    "bankruptcy": "liquidate",
    "listing": "delist",
    "restoration": "restore",
    "investigation": "investigate probe audit",
    "search": "search scour",
    "displacement": "flee displace",
    "decision": "approve decide ratify impose authorize authorise enact revoke grant abolish amend repeal overrule "
                "commute reinstate",
    "award": "award",
    "expulsion": "expel+",
    "execution": "execute hang",
    "surrender": "surrender",
    "escape": "escape",
    "unrest": "loot",
    "start": "begin+ start resume",
    "change": "rise fall decline increase decrease drop climb jump surge plunge soar slump grow shrink tumble "
              "plummet skyrocket rebound dip spike slide halve reduce boost",
    "statement": "announce declare confirm reveal disclose acknowledge reiterate assert stress emphasize emphasise "
                 "underline underscore reaffirm voice thank apologize apologise congratulate "
                 "reply caution lament note explain remark recount retort notify highlight advise alert",
    "ceremony": "commemorate",
    "breach": "hack breach leak",
    "defection": "defect",
    "call": "phone",
    "discipline": "reprimand discipline punish censure",
    "patrol": "patrol+",
    "coup": "overthrow mutiny",
    "poisoning": "poison",
    "disqualification": "disqualify",
    "cull": "cull",
}

# type -> nouns naming the act (plural added by rule)
_NOUNS = {
    "murder": "murder assassination homicide",
    "raid": "crackdown",
    "arrest": "detention",
    "trial": "arraignment retrial",
    "appointment": "nomination",
    "hospitalization": "hospitalization hospitalisation",
        "merger": "merger takeover",
    "hearing": "interrogation",
    "cancellation": "postponement",
    "crime": "embezzlement",
    "filing": "submission",
    "transaction": "donation",
    "legalization": "decriminalization decriminalisation",
    "protest": "boycott sit-in",
    "release": "rescue liberation",
    "capture": "capture recapture",
    "start": "resumption",
    "transfer": "handover hand-over",
    "funeral": "burial",
    "condemnation": "condemnation",
    "mobilization": "redeployment",
    "poisoning": "poisoning",
    "disaster": "famine landslip sinkhole",
    "accident": "mishap pile-up pileup",
    "resignation": "abdication",
    "damage": "demolition destruction",
    "dismissal": "dismissal ouster",
    "expulsion": "expulsion",
    "investigation": "inquest audit",
    "search": "manhunt",
    "displacement": "displacement",
    "storm": "snowstorm rainstorm thunderstorm hailstorm sandstorm dust_storm",
    "fire": "arson",
    "statement": "declaration",
    "ceremony": "ceremony commemoration graduation parade vigil",
    "clash": "standoff shootout gunfight",
    "evacuation": "airlift",
    "defection": "defection",
    "coup": "coup putsch revolt rebellion",
    "vaccination": "vaccination immunization immunisation inoculation",
    "election": "recount swearing-in",
    "win": "defeat",
    "exercise": "sortie",
    "interception": "interdiction downing",
}

# past forms and nouns that are mostly an adjective or another sense in news ("the fallen soldiers", "stolen
# goods", "the alleged attacker", "a slew of"), or that the hand-written lexicon already types
NOT_EVENTS = frozenset("""fallen grown grew stolen alleged slew questioned audits boycotts decided declared
stormed overthrown""".split())
# -s and -ing forms are kept only where news uses them for the act itself ("the beheading", "is stepping
# down", "a carjacking"): elsewhere they are mostly a present-tense narrative ("it confirms", "if he
# decides") or an adjective or gerund ("the marching band", "battling injuries")
PRESENT_EVENTS = frozenset("""beheading lynching hijacking carjacking sacking ousting looting rioting torching
pleading testifying assassinating massacring impeaching suing abducting detaining arresting kidnapping
picketing injuring wounding poisoning downing culling""".split()) | {"stepping down", "stepping aside"}
# forms that the hand-written patterns only take before certain words ("ended the truce", "fired rockets",
# "affected 2,000 people"): a bare form here would override their condition
_CONDITIONAL = frozenset("""ended ending ends broke breaking collapsed violated violating took taken taking seized
seizing exchanged fired eliminated engaged admitted released recorded settled infected recovered discharged
affected dropped found lost gained added shed cut cuts raised raises lowered lowers struck overturned
infected recovered plunged secured dispersed paid""".split())


def _double(stem: str) -> bool:
    """One syllable ending in one vowel and a consonant (not w, x, y): "rob", "ban", "nab"."""
    vowels = "aeiou"
    groups = sum(1 for i, ch in enumerate(stem) if ch in vowels and (i == 0 or stem[i - 1] not in vowels))
    return (groups == 1 and len(stem) >= 3 and stem[-1] not in vowels + "wxy" and stem[-2] in vowels
            and stem[-3] not in vowels)


def inflect(lemma: str) -> list[str]:
    """The -s, past, participle and -ing forms of a verb lemma ("+" marks a doubled final consonant; a
    phrasal verb's particle follows an underscore and is kept: "step_down" -> "steps down", ...)."""
    return list(dict.fromkeys(_inflections(lemma)))


def _inflections(lemma: str) -> tuple[str, str, str, str]:
    verb, _, particle = lemma.partition("_")
    tail = f" {particle.replace('_', ' ')}" if particle else ""
    double = verb.endswith("+")
    verb = verb.rstrip("+")
    if verb.endswith(("s", "x", "z", "ch", "sh")):
        third = verb + "es"
    elif verb.endswith("y") and verb[-2] not in "aeiou":
        third = verb[:-1] + "ies"
    else:
        third = verb + "s"
    if double or _double(verb):
        stem = verb + verb[-1]
        past = stem + "ed"
        ing = stem + "ing"
    elif verb.endswith("ie"):
        past, ing = verb + "d", verb[:-2] + "ying"
    elif verb.endswith("e"):
        past = verb + "d"
        ing = verb + "ing" if verb.endswith(("ee", "ye", "oe")) else verb[:-1] + "ing"
    elif verb.endswith("y") and verb[-2] not in "aeiou":
        past, ing = verb[:-1] + "ied", verb + "ing"
    else:
        past, ing = verb + "ed", verb + "ing"
    participle = past
    if verb in _IRREGULAR:
        past, participle = _IRREGULAR[verb]
    return third + tail, past + tail, participle + tail, ing + tail


def _plural(noun: str) -> str:
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun.removesuffix("is") + "es" if noun.endswith("is") else noun + "es"
    if noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def _forms() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for kind, lemmas in _VERBS.items():
        for lemma in lemmas.split():
            third, past, participle, ing = _inflections(lemma)
            out.setdefault(kind, []).extend(f for f in (third, past, participle, ing)
                                            if f in (past, participle) or f in PRESENT_EVENTS)
    for kind, nouns in _NOUNS.items():
        for noun in nouns.split():
            noun = noun.replace("_", " ")
            out.setdefault(kind, []).extend((noun, _plural(noun)))
    return {kind: [_GUARDED.get(f, f) for f in sorted({f for f in forms if f not in NOT_EVENTS and f not in _CONDITIONAL},
                                                     key=lambda f: (-len(f), f))]
            for kind, forms in out.items()}


# forms that name their type's happening except before a particle that makes another verb of them
# "a rocket slammed into"; a dog that "alerted to" a smell said nothing
_GUARDED = {"kicked": r"kicked(?!\s+off\b)", "slammed": r"slammed(?!\s+(?:in)?to\b)", "alerted": r"alerted(?!\s+to\b)"}


# type -> its inflected forms, longest first (so "steps down" is tried before a shorter form)
EXTRA_FORMS: dict[str, list[str]] = _forms()
