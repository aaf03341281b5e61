"""Event triggers: the lexicon of words that name a happening, one named group per event type.

:data:`TRIGGER_RE` matches every trigger (attacks, strikes, explosions, clashes, raids, kidnappings,
talks, ceasefires, statements, rejections, arrests, releases, protests, elections, disasters,
accidents, outbreaks, evacuations, resignations, sanctions, economic changes, courts, health,
business, ...); :func:`find_triggers` finds them fast, trying only the branches a word's first letter
can start. Whether a trigger names a happening is ``processors.event_happenings``.
"""

from __future__ import annotations

import re

from newswire.processors.event_phrases import PHRASES
from newswire.processors.event_verbs import EXTRA_FORMS
from newswire.processors.word_scans import lower_prefix_regex, prefix_regex

__all__ = ["DISASTER_TYPES", "INCIDENT_TYPES", "TRIGGER_RE", "find_triggers"]

_TRIGGERS = [
    ("airstrike", r"air ?strikes?|airstrikes?|air raids?(?!\s+(?:sirens?|alerts?|warnings?|shelters?)\b)|drone strikes?|missile strikes?|bombing raids?"),
    ("ceasefire_end", r"(?:ended|ending|ends|broke|breaking|collapsed|violated|violating)(?=\s+(?:[\w'-]+\s+){0,3}?"
                      r"(?:cease-?fire|truce|peace deal)s?\b)"),
    ("end", r"concluded(?!\s+that)|wrapped up|(?:ended|ending|ends|end)(?=\s+(?:[\w'-]+\s+){0,3}?(?:war|talks|strike|siege|blockade|occupation"
            r"|conflict|fighting)\b)"),
    ("hostage_taking", r"taken hostage|hostage[- ]taking|(?:took|taken|taking|take|takes|seized|seize|seizing)"
                       r"(?=\s+(?:[\w'-]+\s+){0,3}?hostages?\b)"),
    ("kidnapping", r"kidnapp(?:ed|ing|ings)|abduct(?:ed|ion|ions|ing)"),
    ("bombing", r"bombings?|bombed|car bombs?|suicide bomb(?:ing|ings|er|ers)?|bomb attacks?|bombs?"),
    ("shelling", r"shelling|shelled|bombardments?|bombarded|artillery fire|rocket fire|mortar fire"),
    ("explosion", r"blew up|blown up|explosions?|blasts?|exploded|detonated|detonation"),
    ("attack", r"set (?:ablaze|alight|on fire|fire to)|(?:came|come|comes|coming) under (?:heavy\s+)?(?:fire|attack|shelling)"
               r"|(?:hurled|lobbed|threw|thrown)(?=\s+(?:[\w-]+\s+)?(?:grenades?|stones|rocks|petrol bombs|molotov|bombs?|explosives?|projectiles|firebombs)\b)|attacks?|attacked|attacking|targeted|targeting|assaults?|assaulted|ambush(?:ed|es)?|massacres?|massacred"
               r"|beaten (?:to death|unconscious|up)|engaged(?=\s+(?:the\s+)?(?:enemy|hostile|targets?|militants|insurgents|terrorists|gunmen)\b)|shootings?|stabbings?|opened fire|gunfire|retaliated|retaliation|shot dead|gunned down"
               r"|exchanged(?=\s+(?:[\w'-]+\s+)?(?:fire|gunfire|shots|artillery|rockets)\b)"
               r"|fired(?!\s+(?:tear\s*gas|rubber bullets|water cannons?|stun grenades|pepper spray|pellets)\b)(?=\s+(?:[\w'-]+\s+){0,3}?(?:rockets?|missiles?|shells?|rounds|shots|mortars?|artillery"
               r"|drones?|at|on|upon|into)\b)"),
    ("casualties", r"lost (?:his|her|their|its) li(?:fe|ves)|found dead|casualties|fatalities|injuries"
                   r"|(?:left|leaving)(?=\s+(?:at\s+least\s+|more\s+than\s+|nearly\s+|some\s+|about\s+|over\s+|dozens\s+|hundreds\s+)?"
                   r"(?:[\d,]+\s+|two\s+|three\s+|four\s+|five\s+|six\s+|seven\s+|eight\s+|nine\s+|ten\s+)?(?:(?:of\s+)?[\w-]+\s+)?(?:dead|injured|wounded)\b)"
                   r"|claimed(?=\s+(?:at\s+least\s+|more\s+than\s+|nearly\s+|some\s+|about\s+|over\s+|the\s+|[\d,]+\s+|\w+\s+){0,3}?li(?:fe|ves)\b)"
                   r"|hurt(?=\s*[.,;]|\s+(?:in|when|after|during|by|as|at|while)\b)|killed|killing|killings|died|wounded|injured|drowned|deaths?|neutrali[sz]ed|perished"
                   r"|eliminated(?=\s+(?:[\w-]+\s+){0,3}?(?:militants|terrorists|fighters|insurgents|gunmen|rebels"
                   r"|members|commanders?)\b)"),
    ("clash", r"clash(?:es|ed)?|fighting|firefights?|skirmish(?:es)?|gun ?battles?|battles?|battled|fights?|fought"
              r"|brawls?|scuffles?|scuffled"),
    ("offensive", r"offensives?|incursions?|invasion|invaded|(?:ground|military|counter-?terrorism|counter-?insurgency|clearance) operations?"),
    ("raid", r"raids?|raided|stormed|storming|busted|drug bust"),
    ("talks", r"talks|negotiations?|negotiated|negotiating|negotiate|summit|discussions|mediation|mediated"
              r"|dialogue|met with|engaged?(?=\s+(?:directly\s+|publicly\s+)?with)"),
    ("ceasefire", r"cease-?fires?|truces?|armistice|peace deal|peace agreement|peace accord"),
    ("hospitalization", r"hospitali[sz]ed|treated(?=\s+(?:for|at)\b)|(?:taken|rushed|transported|flown|airlifted|brought) to (?:a\s+|the\s+)?(?:[\w'-]+\s+)?"
                        r"(?:hospitals?|clinics?|medical (?:centers?|centres?|facilities))|admitted(?=\s+(?:to|into)\s+(?:a\s+|the\s+|an\s+)?(?:[\w'-]+\s+){0,2}?(?:hospitals?|clinics?|intensive care"
                        r"|ICU|care|wards?|(?:treatment|health|medical|isolation|trauma) (?:centers?|centres?|units?|facilities))\b)"),
    ("rejection", r"(?:did not|didn't|does not|doesn't|would not|wouldn't) (?:accept|approve(?!\s+of\b)|endorse|recogni[sz]e)|rejected|rejects|rejecting|rejection|refused|refuses|refusal|vetoed|turned down|spurned"),
    ("statement", r"added(?=\s*[,.]|\s+that\b|\s*[\"“])|said|says|told|announced|announces|declared|declares|stated|reported(?!\s+missing\b)|reports|confirmed"
                  r"|welcomed|posted|published|issued|described|suggested|pointed out|argued|called(?!\s+(?:a\s+|an\s+)?(?:snap|early|fresh|general|new)\s+(?:elections?|polls|vote|referendum)\b)"
                  r"|claimed|warned|insisted|urged|tweeted|wrote|quoted|statement|announcement|denied|denies"
                  r"|revealed|reveals|disclosed|discloses|acknowledged|admitted|estimated|predicted|forecast"
                  r"|announcing|commented|reporting|asked|pledged|promised|endorsed"
                  r"|released(?=\s+(?:(?:a|an|the|its|his|her|their|new|two|three|several)\s+)?(?:[\w-]+\s+){0,2}?"
                  r"(?:reports?|statements?|letters?|videos?|footage|data|figures|results|details|transcripts?"
                  r"|documents?|records?|photos?|images|findings|estimates?|forecasts?|survey|study|guidelines)\b)"
                  r"|(?:recorded|registered|logged)(?=\s+(?:[\w,-]+\s+){0,4}?(?:cases?|deaths?|infections?"
                  r"|fatalities|casualties|hospitali[sz]ations|admissions|incidents|attacks|acts|violations)\b)"
                  r"|expressed(?=\s+(?:(?:his|her|their|its|our|deep|deepest|grave|serious|strong|great|profound|sincere"
                  r"|heartfelt|full|growing|cautious)\s+){0,2}(?:concerns?|condolences|regret|sympathy|sympathies|solidarity"
                  r"|support|hope|gratitude|dismay|outrage|shock|sadness|anger|frustration|disappointment|satisfaction"
                  r"|confidence|appreciation|thanks|opposition|alarm)\b)"),
    ("arrest", r"booked into|arrested|arrests?|arresting|detained|detention|custody|captured|apprehended|apprehend|jailed"
               r"|imprisoned|nabbed|rounded up|taken into custody"),
    ("trial", r"found (?:[\w.'’-]+,?\s+){1,6}?(?:not\s+)?guilty|sentenced|sentencing|convicted|convicting|convictions?|acquitted|acquittal|indicted|charged|verdict"
              r"|found (?:not )?guilty|granted bail|denied bail"
              r"|stood trial|(?:stood|stands|standing|went|goes|going) on trial"),
    ("plea", r"pleaded|pleads|pled guilty|confessed|confesses|confession"),
    ("ruling", r"ruled|ruling|overturned(?=\s+(?:a|an|the|his|her|its|their|this|that|[\w-]+'s|[\w-]+’s)\b)|upheld|struck down"),
    ("lawsuit", r"sued|lawsuits?|filed suit|appealed(?!\s+(?:for|to)\b)|settlement|settled(?=\s+(?:(?:a|the|its|their|his|her)\s+)?"
                r"(?:[\w-]+\s+)?(?:lawsuits?|suits?|case|cases|claims?|dispute|charges)\b)"),
    ("disappearance", r"(?:remain|remained|remains|were|are|still|was|been|listed as) missing(?!\s+out\b)|went missing|gone missing|reported missing|disappeared|disappearance"),
    ("bankruptcy", r"bankruptcy|bankruptcies|went bankrupt|insolvency"),
    ("fine", r"fined|penali[sz]ed"),
    ("order", r"ordered|orders"),
    ("appointment", r"(?:assumed|took|relinquished) command|change of command|(?:was|were|been|being) promoted|appointed|appointment|appoints|nominated|sworn in as|been named|was named|were named|selected|chose|chosen|picked"),
    ("diagnosis", r"identified(?=\s+(?:[\w,-]+\s+){0,3}?(?:cases?|infections?|clusters?|patients)\b)|infected(?=\s+(?:more\s+than\s+|nearly\s+|about\s+|at\s+least\s+|some\s+|over\s+)?[\d,.]+)|diagnosed|tested positive|contracted|fell ill|infected(?=\s+(?:with|by)\b)"),
    ("recovery", r"recovered(?=\s+(?:from|fully|and)\b)|(?:recovered|retrieved)(?=\s+(?:the\s+)?(?:[\w,-]+\s+){0,2}?(?:bodies|body|remains|corpses)\b)|recoveries|discharged(?=\s+from)"),
    ("vaccination", r"administered(?=\s+(?:[\w,]+\s+){0,3}?(?:doses?|vaccines?|vaccinations?|shots|jabs|boosters?)\b)|vaccinated|inoculated|immuni[sz]ed|vaccination campaigns?|vaccination drives?"),
    ("interception", r"defused|defusing|intercepted|interception|shot down|downed|repelled|repulsed|thwarted|foiled"),
    ("impact", r"made landfall|landfall|buried(?=\s+(?:alive|under|beneath|by\s+(?:a\s+|the\s+)?(?:landslides?|mudslides?|avalanches?|rubble|debris|snow|mud)"
               r"|in\s+(?:the\s+)?(?:rubble|debris|mud|snow)))|battered|lashed|pounded|ravaged|devastated|swept (?:through|across|away)|dumped"
               r"|inundated|submerged|stranded|marooned|trapped"
               r"|affected(?=\s+(?:more\s+than\s+|nearly\s+|about\s+|some\s+|at\s+least\s+|over\s+|almost\s+)?[\d,.]+\b)"),
    ("layoffs", r"laid off|layoffs|job cuts|lay off|(?:cut|cuts|cutting|slashed|slashing|shed|shedding|eliminated|eliminating)(?=\s+(?:about\s+|nearly\s+|some\s+|more\s+than\s+|over\s+)?(?:[\d,.]+\s+)?(?:jobs|positions|workers|employees|staff)\b)"),
    ("merger", r"acquired|acquires|acquiring|acquisitions?|merger|takeover|bought out"),
    ("recall", r"recalled|recalls"),
    ("murder", r"murdered|slain|slaying"),
    ("quarantine", r"quarantined|quarantines?|self-isolat(?:ed|ing)"),
    ("hearing", r"appeared(?=\s+(?:[\w.'’-]+\s+){0,4}?(?:court|judge|magistrates?|tribunal|hearing)\b)"
                r"|court appearances?|grilled|questioned|hearings?|testified|testify|testifies|testimony|testimonies|deposition"),
    ("charge", r"charges"),
    ("call", r"phone calls?|telephone calls?|call with|conversations?|spoke by phone|dialed|dialled"),
    ("dismissal", r"(?:was|were|been|being|got|get|gets) fired(?!\s+(?:at|on|upon|into|from|toward|towards)\b)|sacked|dismissed|ousted|axed|removed from office|impeached|impeachment"),
    ("cancellation", r"dropped(?=\s+(?:the\s+|its\s+|all\s+|an\s+|a\s+|their\s+|his\s+|her\s+)?(?:[\w-]+\s+)?"
                     r"(?:charges?|case|cases|investigation|probe|lawsuit|suit|inquiry|allegations?|bid|plans?)\b)"
                     r"|shelved|scrapped|cancell?ed|cancell?ation|called off|scuttled"),
    ("listing", r"listing|went public|initial public offering|IPO"),
    ("crime", r"trafficked|robbery|robberies|burglar(?:y|ies)|burgled|stole|theft|carjack(?:ed|ing)|vandali[sz]ed"
              r"|smuggled"),
    ("birth", r"was born|were born"),
    ("funeral", r"funerals?|buried|laid to rest|memorial service"),
    ("debate", r"debates?|debated"),
    ("discovery", r"discovered|discovery|detected|spotted|found(?=\s+(?:evidence|traces|signs)\b)"),
    ("filing", r"filed|submitted"),
    ("launch", r"launch|launches|unveiled|unveils|rolled out|rollout|introduced|debuted"),
    ("transaction", r"sold|bought|purchased|purchases?|paid(?!\s+(?:tribute|homage|(?:their|his|her|its|final|last) (?:last\s+)?respects)\b)|earned|raised"),
    ("return", r"returned|returning"),
    ("eviction", r"evicted|evictions?"),
    ("hiring", r"recruited|hired|enlisted"),
    ("legalization", r"legali[sz]ed|legali[sz]ation|outlawed|criminali[sz]ed"),
    ("extension", r"extended|extension|extend"),
    ("reopening", r"reopened|re-opened|reopening|reopens|reopen"),
    ("speech", r"addressed(?=\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+)?(?:nation|crowd|rally|supporters|reporters|lawmakers"
               r"|parliament|congress|assembly|conference|summit|meeting|students|troops|graduates|audience|gathering"
               r"|session|journalists|delegates|members)\b)|speech|speeches|spoke|remarks|press conference|news conference|briefing"),
    ("trip", r"departed(?=\s+(?:from|for)\b)|trip|travell?ed|flew|toured"),
    ("demand", r"appeal(?:ed|s|ing) for|demanded|demanding|demands|called for|calls for|calling for|urging|invited"),
    ("transfer", r"transported|transferred|handed over|deported|extradited|extradition"),
    ("criticism", r"criticism|slammed(?!\s+(?:in)?to\b)|blasted(?!\s+(?:in)?to\b)|lambasted|assailed|praised"),
    ("release", r"pulled(?=\s+(?:[\w,'’-]+\s+){0,12}?(?:from|out\s+of)\s+(?:the\s+|a\s+)?(?:[\w-]+\s+)?(?:rubble"
                r"|wreckage|debris|ruins|water|waters|floodwaters|river|sea|lake|flames|mud|snow)\b|\s+(?:[\w,'’-]+\s+){0,4}?out\s+alive\b)|posted bail|freed|released|release|releases|liberated|rescued|rescuing"),
    ("protest", r"(?:took|take|takes|taking|taken) to the streets|protests?|protested|demonstrations?|rall(?:y|ies)|marched|riots?|rioting"),
    ("strike", r"(?:went|gone|goes|going) on strike|staged a (?:strike|walkout)|strikes?|walkouts?"),
    ("election", r"certified(?=\s+(?:the\s+)?(?:[\w-]+\s+)?(?:results?|elections?|vote|win|victory|count)\b)|elections?|elected|re-elected|referendum|runoff|run-off|ballots?|voting|voted|votes?"
                 r"|inaugurat(?:ed|ion)|sworn in|polls|turnout|by-elections?|primaries|primary(?=\s+(?:election|vote|race))"
                 r"|took office|assumed office|took the oath|campaigned|re-election bid|reelection bid"),
    ("earthquake", r"earthquakes?|quakes?|aftershocks?|tremors?|temblors?"),
    ("flood", r"burst (?:its|their) banks|overflowed|floods?|flooding|flooded|floodwaters?|inundated"),
    ("storm", r"(?:torrential|heavy|monsoon|incessant|seasonal) (?:rains?|downpours?|rainfall)|downpours?|deluges?|cloudbursts?|storms?|hurricanes?|typhoons?|cyclones?|tornado(?:es)?|blizzards?"),
    ("fire", r"wildfires?|bushfires?|forest fires?|blazes?|caught fire|fires?|burned|burnt|burning"),
    ("disaster", r"spewed|spewing|landslides?|mudslides?|avalanches?|tsunamis?|eruptions?|erupted|droughts?|heat ?waves?"),
    ("accident", r"(?:gas|chemical|oil|fuel|radiation|ammonia|chlorine) leaks?|crash-land(?:ed|ing|s)?|(?:oil|chemical|fuel)\s+spills?|spilled|crash(?:ed|es)?|collisions?|collided|derail(?:ed|ment|ments)|collapsed?|collapses|capsized|overturned"
                 r"|plunged(?=\s+(?:off|into|down)\s+(?:a|an|the)\s+(?:[\w-]+\s+)?(?:ravine|river|gorge|sea|canal|valley|cliff|lake|gully|ditch|abyss|embankment)\b)"
                 r"|sank|sinking|accidents?|stampedes?|ran aground"),
    ("outbreak", r"outbreaks?|epidemics?|pandemics?"),
    ("evacuation", r"evacuat(?:ed|ion|ions|ing|e)|airlifted|medevaced"),
    ("blockade", r"surrounded(?!\s+by\b)|cut off|blockade[ds]?|siege|besieged|blocked"),
    ("aid", r"(?:distributed|distributing|delivered|delivering)(?=\s+(?:[\w-]+\s+){0,2}?(?:food|aid|supplies|water|relief|tents|blankets|medicines?|vaccines|rations|assistance)\b)|air-?dropped|airdrops?|humanitarian aid|aid deliveries|aid convoys?|relief supplies"),
    ("resignation", r"resign(?:ed|ation|s)?|stepped down"),
    ("sanctions", r"sanctions|sanctioned|embargo"),
    ("mobilization", r"activated(?=\s+(?:(?:the|its|their|his|her)\s+)?(?:[\w-]+\s+){0,2}?(?:guard|reservists|reserves"
                     r"|troops|sirens|emergency|contingency|response)\b)|high alert|on alert|state of alert|mobili[sz](?:ed|ation)|deployed|deployment"),
    ("exercise", r"(?:military|joint|naval|air|army|combined|annual|amphibious|bilateral|trilateral|multinational"
                 r"|live-fire|live fire|tactical|combat|anti-submarine|command-post|field|large-scale|war)\s+"
                 r"(?:exercises?|drills?|manoeuvres|maneuvers)|war ?games|(?:conducted|staged|carried out)"
                 r"(?=\s+(?:a\s+|an\s+|the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}?(?:exercises?|drills?|manoeuvres|maneuvers)\b)"
                 r"|test-?fired|test-?launched|(?:missile|rocket|weapons?|nuclear) (?:tests?|launch(?:es)?)"),
    ("ceremony", r"paid (?:tribute|homage|(?:their|his|her|its|final|last) (?:last\s+)?respects)|laid (?:a\s+)?wreaths?"
                 r"|wreath-laying|ceremonies|ceremony"),
    ("coup", r"uprisings?"),
    ("spread", r"spread(?=\s+(?:rapidly\s+|quickly\s+|further\s+)?(?:to|across|through|into)\b)"),
    ("threat", r"threatened|threatens|threats?|vowed"),
    ("exchange", r"exchanges?|exchanged|swaps?|swapped|swapping|prisoner swap"),
    ("agreement", r"struck (?:a|an)(?:\s+[\w-]+)?\s+(?:deal|agreement|accord|pact|bargain)"
                  r"|(?:reached|sealed|clinched|inked|finali[sz]ed)(?=\s+(?:a|an|the)(?:\s+[\w'’-]+){0,2}?\s+(?:deal|agreement|accord"
                  r"|pact|bargain|settlement)\b)|agreements?|accord|pact|signed|agreed"),
    ("withdrawal", r"withdrew|withdrawn|withdrawal|withdrawing|withdraws|pulled out|retreated"),
    ("capture", r"seized|seizure|annexed|annexation|recaptured|retook|regained control|took control|captured control"),
    ("damage", r"destroyed|damaged|razed|flattened"),
    ("condemnation", r"condemned|condemns|denounced|criticised|criticized"),
    ("accusation", r"alleged(?=\s+(?:that|in\s+(?:a|the|its|his|her|their)\s+(?:lawsuit|complaint|suit|filing|indictment))\b)|accused|accuses|accusing|accusations?|blamed|blames"),
    ("visit", r"visited|visits|visit|arrived in|arrived at(?=\s+(?:the\s+)?(?-i:[A-Z]))"),
    ("meeting", r"met|meeting|meetings"),
    ("win", r"secured(?=\s+(?:a\s+|an\s+|the\s+)?(?:[\w-]+\s+)?(?:majority|victory|win|seats?|re-?election|nomination|mandate|term)\b)|won|wins|victory|defeated|lost(?=\s+(?:[\w'-]+\s+){0,2}?(?:re-?election|elections?|bid|race|seat|seats|vote"
               r"|majority|presidency|primary|runoff|referendum|match|final|game)\b)"),
    ("concession", r"conceded|concedes|concession"),
    ("restriction", r"banned|bans|ban|suspended|suspension|closed|closure|shut down|curfew|lockdown"
                    r"|state of emergency"),
    ("investigation", r"investigations?|investigating|investigated|investigates|investigate|looking into|looked into|probes?|probed|probing|inquiry"
                      r"|inquiries"),
    ("search", r"search|searching|searched"),
    ("displacement", r"fled|fleeing|flee"),
    ("outage", r"knock(?:ed|ing|s)? out (?:power|electricity)|power failures?|(?:lost|losing|lose|loses) power|power outages?|outages?|blackouts?|power cuts?|shutoffs?|shut(?:ting|s)? off|cut(?:ting)? off power"),
    ("strike_hit", r"struck|shot|hit|hits|stabbed|stabbing"),
    ("decision", r"stripped(?=\s+(?:[\w'’-]+\s+){0,3}?of\b)|approved|approves|decided|passed(?!\s*[.,;:!?]|\s+(?:by|through|away|on|over|out|down|along|since|before|after|unnoticed|without)\b)|ratified|imposed|imposes|imposition|lifted(?!\s+off\b)|lifts(?!\s+off\b)|hiked|hikes"
                 r"|hike"
                 r"|(?:cut|cuts|raised|raises|lowered|lowers)(?=\s+(?:its\s+|their\s+)?(?:(?:key|benchmark|policy|lending"
                 r"|repo|deposit|base|main|refinancing|overnight|[\w]+-(?:day|week|month|year))\s+){0,3}(?:interest\s+)?rates?\b)"),
    ("award", r"awarded"),
    ("offer", r"offered"),
    ("expulsion", r"expelled|deported|deportation|deportations"),
    ("execution", r"executed|execution|hanged"),
    ("surrender", r"surrendered|surrender"),
    ("escape", r"escaped|escape|jailbreak"),
    ("unrest", r"looted|looting|unrest|violence|riot police"),
    ("start", r"began|begun|begins|started|launched|launching|resumed|broke out|initiated|instituted|first (?:appeared|emerged|detected"
              r"|identified|reported|confirmed)"),
    ("change", r"(?:lost|gained|added|shed)(?=\s+(?:about\s+|nearly\s+|almost\s+|more than\s+)?[\d.,]+\s*(?:%|per\s*cent|percent|points?)"
               r"|\s+(?:ground|momentum))|rose|risen|fell|fallen|declined|increased|decreased|dropped|climbed|jumped|surged|plunged|soared"
               r"|slumped|grew|shrank|edged (?:up|down|higher|lower)|eased|dipped|slowed"),
    ("rating", r"downgraded|downgrades"),
    ("match", r"(?:beat|beating|drew|drawing|thrashed|edged)(?=\s+(?:with\s+)?(?:[\w.'’-]+\s+){1,4}?\d+-\d+\b)"
              r"|scored(?=\s+(?:a|an|the|his|her|their|two|three|four|\d+)\s+(?:[\w-]+\s+)?(?:goals?|tries|try|points|runs"
              r"|touchdowns?|penalty|winner|equali[sz]er|hat-trick|centuries|century)\b)"),
    ("flight", r"lifted off|lifts off|blasted off|blasts off|splashed down|docked(?=\s+(?:with|at)\b)"
                    r"|landed(?=\s+(?:safely\b|on\s+(?:the\s+)?(?:moon|mars|surface|runway|asteroid|comet)\b"
                    r"|(?:in|at)\s+(?-i:[A-Z])|at\s+the\s+))"),
    ("dispersal", r"tear-?gassed|pepper-sprayed|fired(?=\s+(?:tear\s*gas|rubber bullets|water cannons?|stun grenades|pepper spray|pellets)\b)|dispers(?:ed|ing)(?=\s+(?:the\s+|a\s+)?(?:[\w-]+\s+)?(?:crowds?|protesters|protestors|demonstrators|rall(?:y|ies)"
                  r"|protests?|marchers|gatherings?|students|supporters)\b)"),
    ("summons", r"summoned|subpoenaed|subpoenas?|summonses"),
    ("response", r"responded(?=\s+to\s+(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,3}?(?:calls?|reports?|scene|fire|blaze|crash|shooting"
                 r"|incident|emergency|collision|accident|explosion|alarm|disturbance|stabbing|wreck)\b)"),
    ("exposure", r"exposed(?=\s+to\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+)?(?:virus|viruses|disease|measles|bacteria"
                 r"|radiation|infection|infected|patients?|toxins?|chemicals?|gas|fumes|smoke|asbestos|lead|pathogens?)\b)"),
    ("operation", r"(?:conducted|carried out)(?=\s+(?:[\w'’-]+\s+){0,3}?(?:operations?|patrols?|missions?|sorties"
                  r"|strikes?|airstrikes?|raids?|searches|training|inspections?|evacuations?|tests|attacks?|drills"
                  r"|surveillance|rescues?|arrests|executions|bombings?|assaults?)\b)"),
]
# a type's release phrases go ahead of its patterns (so that they win over a shorter reading of their first
# word), its inflected verbs after them
_TRIGGERS = [(name, "".join(f"{phrase}|" for phrase in PHRASES.get(name, ())) + pattern
              + "".join(f"|{form}" for form in EXTRA_FORMS.get(name, ()))) for name, pattern in _TRIGGERS]
_TRIGGERS += [(name, "|".join(forms)) for name, forms in EXTRA_FORMS.items() if name not in dict(_TRIGGERS)]
_TRIGGERS += [(name, "|".join(forms)) for name, forms in PHRASES.items() if name not in dict(_TRIGGERS)]
TRIGGER_RE = re.compile(r"\b(?=[A-Za-z])(?:" + "|".join(rf"(?P<{name}>(?:{pattern})\b)" for name, pattern in _TRIGGERS)
                        + ")", re.IGNORECASE)


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of ``pattern`` (the lexicon's patterns hold no "|" or bracket in a class)."""
    depth, begin, alternatives = 0, 0, []
    for i, ch in enumerate(pattern):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == "|" and depth == 0:
            alternatives.append(pattern[begin:i])
            begin = i + 1
    alternatives.append(pattern[begin:])
    return alternatives


def _prefixes(pattern: str, size: int = 3) -> set[str]:
    """The first ``size`` characters of every word ``pattern`` can match, fewer (but three at least) where
    an alternative's literal start is shorter (enough regex syntax for the lexicon)."""
    out: set[str] = set()
    for alt in _alternatives(pattern):
        if alt.startswith("(?:"):
            close, depth = 3, 1
            while depth:
                depth += {"(": 1, ")": -1}.get(alt[close], 0)
                close += 1
            out |= _prefixes(alt[3:close - 1], size)
            continue
        run = ""
        for i, ch in enumerate(alt):
            if ch in "?*":
                run = run[:-1]
                break
            if ch in "()[]{}|+.^$\\":
                break
            run += ch
        if len(run) < 3:
            raise ValueError(f"trigger alternative {alt!r} needs three literal leading characters")
        out.add(run[:size].lower())
    return out


TRIGGER_PREFIXES = frozenset(p for _, pattern in _TRIGGERS for p in _prefixes(pattern))
# where a trigger can start: a word led by the literal start of an alternative, up to eight characters
# ("on alert", "withdr", "forest f"), so that "on", "with" and "for" are not tried at all
_CANDIDATE_PREFIXES = frozenset(p for _, pattern in _TRIGGERS for p in _prefixes(pattern, 8))
_CANDIDATES = prefix_regex(_CANDIDATE_PREFIXES)
_LOW_CANDIDATES = lower_prefix_regex(_CANDIDATE_PREFIXES)   # the same starts in the text's ``folded`` form


# per first letter, the lexicon types that can start with it: a candidate is tried against few branches
_BY_LETTER = {
    letter: re.compile("|".join(rf"(?P<{name}>(?:{pattern})\b)" for name, pattern in _TRIGGERS
                                if any(p[0] == letter for p in _prefixes(pattern))), re.IGNORECASE)
    for letter in sorted({p[0] for p in TRIGGER_PREFIXES})
}
# a word whose first letter folds onto a trigger's only under IGNORECASE ("ſtrike", long s): every type
_ANY_TYPE = re.compile("|".join(rf"(?P<{name}>(?:{pattern})\b)" for name, pattern in _TRIGGERS), re.IGNORECASE)


_BY_HEAD: dict[str, re.Pattern[str]] = {}


def _by_head(head: str) -> re.Pattern[str]:
    """The lexicon types with a word starting ``head`` (three lower-case ASCII characters, a candidate's
    first: ``_CANDIDATES`` is the trie of ``TRIGGER_PREFIXES``), in lexicon order, so the first type that
    matches is the one the whole lexicon gives; a regex of a few types is several times cheaper to try
    than a letter's. Each type keeps only its alternatives ``head`` can start, in their order: one that
    starts otherwise cannot match there, and a type of a hundred alternatives costs that many tries. Compiled
    on first use (some 270 heads)."""
    rx = _BY_HEAD.get(head)
    if rx is None:
        rx = _BY_HEAD[head] = re.compile("|".join(
            rf"(?P<{name}>(?:{'|'.join(alt for alt, heads in _TYPE_ALTERNATIVES[name] if head in heads)})\b)"
            for name, _ in _TRIGGERS if head in _TYPE_PREFIXES[name]), re.IGNORECASE)
    return rx


_TYPE_ALTERNATIVES = {name: [(alt, _prefixes(alt)) for alt in _alternatives(pattern)] for name, pattern in _TRIGGERS}
_TYPE_PREFIXES = {name: set().union(*(heads for _, heads in alternatives))
                  for name, alternatives in _TYPE_ALTERNATIVES.items()}


_BY_WRITTEN: dict[str, re.Pattern[str]] = {}   # a candidate's first three characters as written -> its regex


def _for_candidate(head: str) -> re.Pattern[str]:
    rx = _by_head(head.lower()) if head.isascii() else _BY_LETTER.get(head[0].lower(), _ANY_TYPE)
    if len(_BY_WRITTEN) < 1 << 14:
        _BY_WRITTEN[head] = rx
    return rx


def find_triggers(text: str, start: int, end: int, low: str | None = None) -> list[re.Match[str]]:
    """Trigger matches in ``text[start:end]``, left to right, never overlapping. A candidate word is tried
    against the types its first three letters can start (its first letter's, if they are not ASCII).
    ``low``: the text's ``folded`` form, if it has one (its candidates cost half as much to find)."""
    found: list[re.Match[str]] = []
    last_end = start
    written = _BY_WRITTEN
    for w in _CANDIDATES.finditer(text, start, end) if low is None else _LOW_CANDIDATES.finditer(low, start, end):
        pos = w.start()
        if pos < last_end:
            continue
        head = text[pos:pos + 3]
        m = (written.get(head) or _for_candidate(head)).match(text, pos, end)
        if m:
            found.append(m)
            last_end = m.end()
    return found


INCIDENT_TYPES = {"airstrike", "hostage_taking", "kidnapping", "bombing", "shelling", "explosion", "attack",
                  "casualties", "clash", "offensive", "raid", "evacuation", "earthquake", "flood", "storm",
                  "fire", "disaster", "accident", "murder", "arrest", "search", "strike_hit", "damage", "outage",
                  "interception", "impact"}
DISASTER_TYPES = {"earthquake", "flood", "storm", "fire", "disaster", "accident", "impact"}
