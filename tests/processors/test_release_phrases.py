"""Release and wire language (``processors.event_phrases``, the nominalisations of
``processors.event_verbs``) and one event for one happening named twice (``event_happenings.happenings``, its first word the trigger):
every sentence here is invented, in the style of health, disaster, military and election copy."""

import datetime as dt

import pytest

from newswire.processors.extract import extract

FRIDAY = dt.date(2026, 3, 6)


def found(text):
    return [(e.trigger, e.type) for e in extract(text, FRIDAY).events]


def triggers(text):
    return [t for t, _ in found(text)]


@pytest.mark.parametrize("text, first, second", [
    ("Fighting erupted in the north on Monday.", "Fighting", "erupted"),     # a subject and its verb
    ("A roadside bomb exploded near the convoy.", "bomb", "exploded"),
    ("Talks resumed in Geneva on Tuesday.", "Talks", "resumed"),
    ("The shelling damaged a power station.", "shelling", "damaged"),
    ("A powerful cyclone battered the coast.", "cyclone", "battered"),       # the storm striking is the storm
    ("The navy foiled an attack on the port.", "foiled", "attack"),          # a verb and its object
])
def test_one_happening_named_twice_is_one_event(text, first, second):
    # its first word is the trigger; the second is no event of its own
    spans = triggers(text)
    assert first in spans and second not in spans, spans


def test_a_speaker_and_what_another_reported_stay_two_statements():
    assert "said" in triggers("The board said the pilot had reported a fault.")


@pytest.mark.parametrize("text, trigger", [
    ("The blaze forced 2,000 residents to flee.", "flee"),
    ("Villagers were forced to evacuate as the river rose.", "evacuate"),
])
def test_what_people_were_forced_to_do_happened(text, trigger):
    assert trigger in triggers(text)


def test_what_a_group_claims_responsibility_for_happened():
    assert "attack" in triggers("The militia claimed responsibility for the attack on the depot.")
    assert "attack" not in triggers("The rebels pushed for an attack on the capital.")


def test_what_they_could_be_forced_to_do_did_not():
    assert "flee" not in triggers("The clashes could force thousands to flee.")


@pytest.mark.parametrize("text, trigger, kind", [
    # health releases
    ("Nine pupils fell sick after the school lunch.", "fell sick", "diagnosis"),
    ("The two patients were isolated at the regional hospital.", "isolated", "quarantine"),
    ("Medics treated 40 people for burns.", "treated", "hospitalization"),
    ("The first doses were administered in the capital.", "administered", "vaccination"),
    ("Volunteers distributed mosquito nets to 8,000 homes.", "distributed", "aid"),
    ("The ministry announced the lifting of travel restrictions.", "lifting", "decision"),
    ("Forty people were poisoned by tainted liquor.", "poisoned", "poisoning"),
    ("The spread of the virus slowed in May.", "spread", "spread"),
    # disasters
    ("Heavy snowfall cut the mountain villages off.", "Heavy snowfall", "storm"),
    ("The floods left 3,000 families homeless.", "left", "displacement"),
    ("The blaze was extinguished by Tuesday.", "extinguished", "firefighting"),
    ("The fire was brought under control overnight.", "brought under control", "firefighting"),
    ("The roof caved in under the snow.", "caved in", "accident"),
    ("About 900 people took shelter in schools.", "took shelter", "displacement"),
    ("The families sought refuge in a church.", "sought refuge", "displacement"),
    ("The recovery of the bodies took two days.", "recovery", "recovery"),
    # military releases
    ("The province was placed on red alert.", "red alert", "mobilization"),
    ("The air force scrambled fighter jets to intercept the bombers.", "scrambled", "mobilization"),
    ("Air raid sirens sounded across the country.", "Air raid sirens", "mobilization"),
    ("Marines joined a training exercise with the Philippine navy.", "training exercise", "exercise"),
    ("The drills ended on Thursday.", "drills", "exercise"),
    ("The navy commissioned its newest frigate at the port.", "commissioned", "ceremony"),
    ("Three medics were decorated for bravery.", "decorated", "award"),
    ("The battalion completed its nine-month deployment.", "completed", "end"),
    ("The army successfully tested a hypersonic missile.", "tested", "exercise"),
    ("The army mounted a counteroffensive in the south.", "counteroffensive", "offensive"),
    ("Government troops advanced into the city.", "advanced", "offensive"),
    ("The town fell to the rebels on Tuesday.", "fell", "capture"),
    ("The fall of the city shocked the capital.", "fall", "capture"),
    ("The capture of the bridge took a week.", "capture", "capture"),
    ("The liberation of the town was celebrated.", "liberation", "release"),
    ("The pullout of the troops was completed.", "pullout", "withdrawal"),
    ("The militants' retreat from the city was reported.", "retreat", "withdrawal"),
    ("The downing of the jet was filmed.", "downing", "interception"),
    ("The bomber blew himself up at the gate.", "blew himself up", "explosion"),
    ("A device went off outside the barracks.", "went off", "explosion"),
    ("The handover of the base took place on Monday.", "handover", "transfer"),
    ("The burial of the victims was held on Sunday.", "burial", "funeral"),
    ("The helicopter made an emergency landing in a field.", "emergency landing", "flight"),
    # conflict and elections
    ("Martial law was declared in the province.", "Martial law", "restriction"),
    ("Hostilities ceased on Friday.", "Hostilities", "clash"),
    ("A cessation of hostilities was announced.", "cessation of hostilities", "ceasefire"),
    ("The new rules took effect at midnight.", "took effect", "start"),
    ("Tensions flared up in the east.", "flared up", "start"),
    ("Schools were shut as a precaution.", "shut", "restriction"),
    ("The campaign kicked off in the port city.", "kicked off", "start"),
    ("Vote counting was slow in the north.", "Vote counting", "election"),
    ("The results were certified by the election board.", "certified", "election"),
    ("Exit polls suggested a narrow win for the opposition.", "narrow win", "win"),
    ("Parliament adopted a resolution on the war.", "adopted", "decision"),
    ("The president dissolved parliament on Monday.", "dissolved", "decision"),
    ("The swearing-in of the new cabinet was delayed.", "swearing-in", "election"),
    ("The arrival of the convoy was delayed.", "arrival", "visit"),
    ("The resumption of talks was welcomed.", "resumption", "start"),
    ("Thousands joined a march on parliament.", "march", "protest"),
    ("The killing drew international condemnation.", "condemnation", "condemnation"),
    ("The signing of the accord took place in Doha.", "signing", "agreement"),
    # wire copy
    ("Drones pummeled the port city overnight.", "pummeled", "impact"),
    ("Militants fired a barrage of rockets at the town.", "fired", "attack"),
    ("Tanks pushed deeper into the city on Tuesday.", "pushed deeper into", "offensive"),
    ("The colonel was relieved of command after the raid.", "relieved of command", "dismissal"),
    ("The premier called snap elections for June.", "called snap elections", "election"),
    ("The commission disqualified two candidates.", "disqualified", "disqualification"),
    ("The governor secured a second term.", "secured", "win"),
    ("The new mayor was sworn into office on Monday.", "sworn into office", "election"),
    ("The sailor was placed in isolation aboard the ship.", "placed in isolation", "quarantine"),
    ("Some 30,000 hens were culled on the farm.", "culled", "cull"),
    ("The gale knocked down power lines.", "knocked down", "damage"),
    ("The river crested at nine metres on Sunday.", "crested", "flood"),
    ("The dissident was hauled off by plainclothes officers.", "hauled off", "arrest"),
    ("The video was taken down within hours.", "taken down", "censorship"),
])
def test_release_and_wire_phrases(text, trigger, kind):
    assert (trigger, kind) in found(text)


@pytest.mark.parametrize("text, absent", [
    ("The village remains isolated from the rest of the country.", "isolated"),
    ("The decorated veteran spoke at the school.", "decorated"),
    ("The company completed its acquisition of the rival.", "completed"),
    ("Shares advanced on strong earnings.", "advanced"),
    ("Shares advanced on Tuesday.", "advanced"),
    ("Arrivals of migrants rose in May.", "Arrivals"),
    ("The alarm went off at six.", "went off"),
    ("Officials treated the matter as urgent for weeks.", "treated"),
    ("The band kicked off its tour in Berlin.", "kicked"),
    ("The vote is set for March in the capital.", "March"),
    ("Trading on the stock exchange was calm.", "exchange"),
    ("The foreign exchange traders were cautious.", "exchange"),
    ("The clinic charges $20 for a visit.", "charges"),
    ("Analysts put the rally in bank stocks down to the ruling.", "rally"),
    ("The base is an outpost in the fight against the virus.", "fight"),
    ("I could not believe what I was hearing.", "hearing"),
])
def test_release_phrases_keep_to_their_sense(text, absent):
    assert absent not in triggers(text)
