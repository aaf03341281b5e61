"""The place layer: which capitalised names are places, how they resolve, and the place of a word."""

from __future__ import annotations

from newswire.processors.gazetteer import gazetteer
from newswire.processors.places import find_places
from newswire.processors.sentences import split_sentences


def layer(text):
    return find_places(text, split_sentences(text))


def names(text):
    return [(m.text, m.place.name if m.place else None, m.place.country_code if m.place else None)
            for m in layer(text).mentions]


def place_of(text, word, **kwargs):
    at = text.index(word)
    found = layer(text).place_for(at, at + len(word), **kwargs)
    return found.text if found else None


def test_places_after_prepositions_resolve():
    found = names("Rescuers in Kathmandu searched for survivors, and aid flew from Delhi to Nepal.")
    assert found == [("Kathmandu", "Kathmandu", "NP"), ("Delhi", "Delhi", "IN"), ("Nepal", "Nepal", "NP")]
    assert all(m.locative for m in layer("Rescuers in Kathmandu and Pokhara dug.").mentions)


def test_months_weekdays_demonyms_and_titles_are_never_places():
    text = ("In May, Jordanian officials met on Sunday. President Jordan spoke in March. "
            "Chinese engineers arrived on Monday.")
    assert names(text) == []


def test_a_person_named_like_a_city_is_no_place():
    assert names("Singer Paris Hilton and coach Phil Jackson attended.") == []


def test_an_organisation_named_after_a_place_only_qualifies_it():
    [mention] = layer("The Denver Police Department said the road was closed.").mentions
    assert mention.text == "Denver" and mention.weak


def test_a_small_city_is_a_place_only_where_it_is_used_as_one():
    assert names("Reading the report, March said it was late.") == []
    assert names("The storm reached Darwin overnight.") == [("Darwin", "Darwin", "AU")]


def test_city_then_country_resolves_in_that_country_and_counts_once():
    found = names("Rioting broke out in Valencia, Venezuela, on Friday.")
    assert found == [("Valencia", "Valencia", "VE")]


def test_the_article_country_picks_between_cities_of_one_name():
    text = "Storms crossed Alabama on Friday. In Birmingham, trees fell on houses."
    assert layer(text).mentions[-1].place.country_code == "US"
    assert layer("In Birmingham, trees fell on houses.").mentions[0].place.country_code == "GB"


def test_directions_stay_with_the_place_and_regions_are_kept_as_written():
    assert names("Fighting spread across Northern Syria.") == [("Northern Syria", "Syria", "SY")]
    assert names("A farmer in Inner Mongolia fell ill.") == [("Inner Mongolia", None, None)]
    assert names("Voters in Kogi State queued for hours.")[0][0] == "Kogi State"


def test_the_place_of_a_word_sentence_then_paragraph_then_dateline():
    text = ("NAIROBI (AFP) - Floods hit villages near Garissa on Monday.\n\n"
            "Roads were cut in Mombasa. Rescuers reached stranded families.\n\n"
            "Officials counted the damage.")
    assert place_of(text, "Floods") == "Garissa"            # the sentence's place
    assert place_of(text, "reached") == "Mombasa"           # the paragraph's
    assert place_of(text, "counted") == "Nairobi"           # the dateline's
    assert layer(text).dateline.place.country_code == "KE"


def test_statements_are_placed_where_they_were_made():
    text = "CAIRO (AFP) - The minister said the talks in Geneva would resume."
    assert place_of(text, "said", statement=True) == "Cairo"
    assert place_of("The minister said in Geneva that talks would resume.", "said", statement=True) == "Geneva"


def test_an_actor_is_not_the_place_of_its_own_event():
    text = "Sweden dropped the inquiry. Lawyers in Stockholm were told."
    at = text.index("dropped")
    assert layer(text).place_for(at, at + 7, exclude=[(0, 6)]).text == "Stockholm"   # the article's place
    assert layer(text).place_for(at, at + 7).text == "Sweden"


def test_without_any_place_nearby_the_article_main_place_serves():
    text = "Crowds marched in Lima. Police watched.\n\nLater, the march ended."
    assert place_of(text, "ended") == "Lima"


def test_a_dateline_the_gazetteer_lacks_is_still_the_default_place():
    text = "FORT EXAMPLE, Afghanistan (AP) — Soldiers trained all week."
    assert layer(text).dateline.text == "Fort Example" and layer(text).dateline.place.name == "Afghanistan"
    assert place_of(text, "trained") == "Fort Example"
    assert layer("Nowhereville – Crowds gathered.").dateline is None   # title case needs the gazetteer


def test_a_country_before_forces_or_officials_names_their_side_not_a_place():
    text = "The captives were handed over to US forces in Burkina Faso."
    assert {m.text: m.locative for m in layer(text).mentions} == {"US": False, "Burkina Faso": True}
    assert place_of(text, "handed") == "Burkina Faso"
    assert {m.text: m.locative for m in layer("The envoy talked to Kenyan and US officials.").mentions} == {"US": False}
    assert {m.text: m.locative for m in layer("Aid was flown to Canada on Friday.").mentions} == {"Canada": True}


def test_an_envoy_to_a_capital_is_a_role_not_a_place():
    assert {m.text: m.locative for m in layer("The former envoy to Nairobi testified.").mentions} == {"Nairobi": False}
    assert {m.text: m.locative for m in layer("The convoy drove to Nairobi.").mentions} == {"Nairobi": True}


def test_a_name_with_a_lower_case_place_word_is_a_region_even_unknown_to_the_gazetteer():
    text = "Gunmen struck a checkpoint in the country's northern Wardak province overnight."
    found = [(m.text, m.locative) for m in layer(text).mentions]
    assert ("Wardak province", True) in found
    assert place_of(text, "struck") == "Wardak province"
    # a month or a title is no region's name
    assert all(m.text != "May region" for m in layer("Rain fell in May region-wide.").mentions)


def test_aid_sent_to_a_place_still_goes_there():
    text = "The army cut off all aid to Gaza on Monday."
    assert {m.text: m.locative for m in layer(text).mentions} == {"Gaza": True}


def test_a_village_or_street_the_gazetteer_lacks_is_a_place_where_the_text_says_so():
    text = "Troops entered the village of Khirbet Zanuta on Monday. Police arrested a man near Seventh Street."
    assert place_of(text, "entered") == "Khirbet Zanuta"
    assert place_of(text, "arrested") == "Seventh Street"
    # a street not used as a place stays out
    assert [n for n, _, _ in names("Gladstone Avenue residents said the talks had ended.")] == []


def test_a_national_legislature_names_its_capital():
    text = ("The U.S. Senate passed the bill on Tuesday.\n\nA House committee questioned two witnesses about Peru.\n\n"
            "The White House welcomed the vote.\n\nThe witnesses answered for hours.")
    places = layer(text)
    assert {m.text: m.place.name for m in places.mentions if m.text in ("Senate", "House")} == {
        "Senate": "Washington", "House": "Washington"}
    assert {m.text: m.place.name for m in layer("The Nigerian Senate passed the law.").mentions} == {"Senate": "Abuja"}
    assert [m.text for m in layer("The State Senate of Ohio adjourned.").mentions if m.text == "Senate"] == []


def test_a_state_or_country_owning_the_subject_places_the_event_even_where_the_dateline_is_inside_it():
    assert place_of("Ohio's regulators are demanding answers from the carriers.", "demanding") == "Ohio"
    # the state or country the story is about, not the city it was filed from, is where its own acts happen
    text = "COLUMBUS, Ohio (AP) — Ohio officials are demanding answers."
    assert place_of(text, "demanding") == "Ohio"
    text = "HANOI, Vietnam (AP) — Vietnam's regulators are demanding answers."
    assert place_of(text, "demanding") == "Vietnam"
    text = "HANOI, Vietnam (AP) — Regulators in Hanoi are demanding answers about Vietnam."
    assert place_of(text, "demanding") == "Hanoi"


def test_a_place_inside_the_event_noun_phrase_is_its_place():
    text = "Protesters marched in Lagos against the outcome of the Ekiti State governorship election."
    assert place_of(text, "election") == "Ekiti State"
    assert place_of(text, "marched") == "Lagos"


def test_a_visiting_official_speaks_where_the_story_is_filed():
    text = "HANOI, Vietnam (AP) — U.S. Trade Representative Jane Doe said on Monday that tariffs would fall."
    assert place_of(text, "said", statement=True) == "Hanoi"
    text = "“The case is closed,” Norway's chief prosecutor, Kari Nordmann, said on Friday."
    assert place_of(text, "said", statement=True) == "Norway"


def test_a_possessive_place_before_a_lower_case_word_is_a_place_name():
    assert [n for n, _, _ in names("Peru's president resigned on Friday.")] == ["Peru"]


def test_venues_addresses_and_a_named_county_are_places():
    text = "A flu outbreak at the Brantwood facility sickened 30 people."
    assert place_of(text, "outbreak") == "Brantwood facility"
    text = "The premier visited the Ein Tamar settlement in the West Bank on Tuesday."
    places = layer(text)
    at = text.index("visited")
    found = places.place_for(at, at + 7)
    assert found.text == "Ein Tamar settlement" and places.resolved(found).country_code == "PS"
    assert place_of("Detectives searched a garage behind 1420 Elm Place.", "searched") == "1420 Elm Place"
    assert place_of("Police stopped a car near 9th Street and Oak Avenue.", "stopped") == "9th Street"
    assert place_of("She was treated in the county of Glenmore in the south.", "treated") == "Glenmore"
    # a place the gazetteer lacks resolves to the dateline's place when the sentence names none
    text = "OSLO (AP) — The minister toured the Brantwood facility."
    places = layer(text)
    at = text.index("toured")
    assert places.resolved(places.place_for(at, at + 6)).name == "Oslo"


def test_a_demonym_before_capital_needs_no_article():
    text = "Gunmen seized them in the heart of Kenyan capital in 2016."
    assert place_of(text, "seized") == "Kenyan capital"
    assert layer(text).mentions[0].place.name == "Nairobi"


def test_a_countrys_own_institution_acts_at_home():
    assert place_of("The Norwegian investigation was dropped in 2017.", "dropped") == "Norway"
    assert place_of("Chilean police detained two men overnight.", "detained") == "Chile"
    # a demonym before people or forces says nothing of the place
    assert place_of("Chilean tourists were stranded overnight.", "stranded") is None


def test_a_town_the_gazetteer_lacks_before_a_state_or_country_is_a_place():
    text = "A tornado flattened a church in Brookhaven Hollow, Ky., on Friday."
    found = layer(text)
    [pm] = found.mentions
    assert pm.text == "Brookhaven Hollow, Ky." and pm.place.name == "Kentucky" and pm.locative
    assert place_of(text, "tornado") == "Brookhaven Hollow, Ky."
    [pm] = layer("Herders were stranded near Tsagaan Ovoo, Mongolia, by snow.").mentions
    assert pm.place.country_code == "MN" and pm.text.startswith("Tsagaan Ovoo")
    # a list of states and countries is no town in a state
    assert [m.text for m in layer("It is legal in Colorado, Washington, Alaska and Oregon.").mentions] == [
        "Colorado", "Washington", "Alaska", "Oregon"]
    listed = layer("Sales began in Canada, the Netherlands, Belgium and Denmark.").mentions
    assert all("," not in m.text for m in listed)


def test_a_city_before_its_state_resolves_inside_that_state():
    [pm] = layer("Fire crews in Portland, Maine, fought the blaze.").mentions
    assert (pm.text, pm.place.admin1) == ("Portland", "ME")
    [pm] = layer("Police in Springfield, Ill. arrested two men.").mentions
    assert (pm.place.name, pm.place.admin1) == ("Springfield", "IL")
    [pm] = layer("Storms hit Atlanta, Georgia, overnight.").mentions
    assert pm.place.country_code == "US"


def test_datelines_of_press_releases_resolve_their_state():
    found = layer("CAMP HARLOW, N.C. — Marines completed a live-fire exercise on Monday.")
    assert found.dateline.text == "Camp Harlow" and found.dateline.place.name == "North Carolina"
    found = layer("FORT MERRIT, Wash. -- A soldier died on Tuesday.")
    assert found.dateline.place.kind == "state" and found.dateline.place.admin1 == "WA"
    assert layer("SAVANNAH, Georgia — Flooding closed roads.").dateline.place.country_code == "US"


def test_counts_parts_and_coordinated_modifiers_keep_a_place_locative():
    for text in ("Power was cut in 18 northern and central California counties.",
                 "Snow fell in parts of eastern Kentucky.",
                 "Crews worked in an area of Orange County.",
                 "Cases were found in three Texas counties."):
        assert [m.locative for m in layer(text).mentions] == [True], text
    assert not layer("A man was stabbed on a Chicago commuter train.").mentions[0].locative


def test_counties_plural_and_at_a_sentence_end():
    assert place_of("The outbreak began in Dekalb County.", "outbreak") == "Dekalb County"
    # a pair shares its plural head: the mention is the pair
    assert place_of("The storm killed three people in Harris and Galveston counties.", "storm") == \
        "Harris and Galveston counties"
    [pm] = layer("Cases rose in three Georgia counties.").mentions
    assert pm.place.country_code == "US" and pm.place.kind == "state"


def test_a_newspaper_named_after_its_city_is_no_place():
    assert names("The couple was quarantined, according to the New York Times and the Boston Globe.") == []
    assert names("Rescuers in Boston searched the harbour.") == [("Boston", "Boston", "US")]


def test_names_with_of_or_and_inside_them():
    assert names("Schools reopened in the District of Columbia.") == [
        ("District of Columbia", "District of Columbia", "US")]
    assert names("Rebels attacked a village in the Democratic Republic of the Congo.") == [
        ("Democratic Republic of the Congo", "Democratic Republic of the Congo", "CD")]


def test_a_country_before_a_title_owns_no_event():
    text = "US President Jane Doe claimed victory as the House of Representatives concluded its hearing."
    assert place_of(text, "concluded") == "House"   # the legislature sits in the capital
    assert place_of("Germany's economy shrank in the third quarter.", "shrank") == "Germany"


def test_a_participle_phrase_goes_on_with_the_act_another_clause_does_not():
    gaz = gazetteer()
    text = "Norway ended the truce, which had lasted a month, on May 2, launching raids in Bergen."
    assert place_of(text, "ended", actor_country=gaz.country("NO"), clause=(0, 22)) == "Bergen"
    text = "Norway dropped the case against the singer, who lives in Paris."
    assert place_of(text, "dropped", actor_country=gaz.country("NO"), clause=(0, 42)) == "Norway"


def test_a_name_the_text_describes_as_a_town_is_a_place_and_stays_one():
    text = ("GRAZ — The state bought the mill in Kessling am See, a village on the border with Slovenia. "
            "The poet was born in Kessling in 1901.")
    found = layer(text)
    assert [(m.text, m.place) for m in found.mentions if m.text.startswith("Kessling")] == [
        ("Kessling am See", None), ("Kessling", None)]
    assert place_of(text, "bought") == "Kessling am See"
    assert place_of(text, "born") == "Kessling"
    # the place that holds it is not the country across the border
    assert found.resolved(found.mentions[0]).country_code == "AT"
    assert names("Paris, the capital of France, hosted the talks.")[0][0] == "Paris"


def test_the_state_island_or_coast_of_a_name_is_a_place():
    assert place_of("Voters in the southern state of Oaxaca cast ballots on Sunday.", "ballots") == "Oaxaca"
    assert place_of("A quake struck off the coast of Sumatra on Tuesday.", "quake") == "Sumatra"
    assert place_of("Floods hit homes in the coastal county of Kilifi.", "Floods") == "Kilifi"


def test_town_names_that_start_with_a_common_word_and_states_named_state():
    text = "The hurricane made landfall near Port Ardent, Louisiana, on Sunday."
    assert place_of(text, "landfall") == "Port Ardent, Louisiana"
    [pm] = layer("Officials in New York State said the roads were closed.").mentions
    assert (pm.place.name, pm.place.kind) == ("New York", "state")
    [pm] = layer("The Washington State Department of Health confirmed two cases.").mentions
    assert (pm.text, pm.place.kind, pm.place.admin1) == ("Washington State", "state", "WA")
    assert place_of("Measles spread in King County last month.", "spread") == "King County"


def test_a_place_in_a_clause_about_something_else_is_not_the_events():
    text = "OSLO (AP) — The charges were dropped in 2017 because the suspect remained in Lisbon."
    assert place_of(text, "dropped") == "Oslo"
    # with nothing nearer, the other clause's place is still better than none
    assert place_of("The charges were dropped because the suspect remained in Lisbon.", "dropped") == "Lisbon"
    text = "LYON (AP) — Police detained the singer, who lives in Paris, at the airport."
    assert place_of(text, "detained") == "Lyon"
    # a place of the act's own clause, or a 'when' clause that tells where it happened, stays
    assert place_of("Two men were killed when a bomb exploded in Kabul.", "killed") == "Kabul"
    assert place_of("The suspect, who lives in Paris, was detained in Lyon.", "detained") == "Lyon"


def test_a_region_before_a_possessive_is_the_speakers_place():
    text = "Jane Doe, deputy head of Inner Mongolia's disease control centre, told reporters the case was isolated."
    assert place_of(text, "told", statement=True) == "Inner Mongolia"


def test_a_country_or_state_that_is_a_persons_name_is_no_place():
    assert names("Chad Wolf said the agency would respond.") == []
    assert names("Michael Jordan donated a million dollars.") == []
    assert names("Fighting in Chad killed 12.") == [("Chad", "Chad", "TD")]
    assert [n for n, _, _ in names("Virginia Democrats won a majority.")] == ["Virginia"]
    [pm] = layer("Georgia Gov. Jane Doe signed the bill.").mentions
    assert (pm.place.country_code, pm.place.kind) == ("US", "state")


def test_the_acts_own_clause_before_the_next_clauses_place():
    text = "Stocks in Tokyo fell on Monday, while markets in London rose."
    assert place_of(text, "fell", clause=(0, 30)) == "Tokyo"
    assert place_of(text, "rose", clause=(32, 61)) == "London"
    # within one clause the place after the act is still its place
    assert place_of("Officials in Tokyo confirmed cases in Osaka.", "confirmed", clause=(0, 44)) == "Osaka"


def test_a_natural_feature_named_like_a_town_is_not_that_town():
    # GeoNames lists "Tana" as another name of Antananarivo; the river is not the city
    found = names("Floods along the Tana River cut roads, and boats waited on the Volga River.")
    assert ("Tana River", None, None) in found
    assert all(place != "Antananarivo" for _, place, _ in found)
    assert names("Heavy rain fell across Kabul Province.") == [("Kabul Province", "Kabul", "AF")]


def test_a_legislature_ending_in_s_names_its_capital():
    # "Congress" and "Swiss" end in letters a stripped possessive would take
    found = names("In the United States, Congress passed the bill. The Swiss Parliament met in the spring.")
    assert ("Congress", "Washington", "US") in found
    assert ("Parliament", "Bern", "CH") in found or ("Swiss Parliament", "Bern", "CH") in found, found
