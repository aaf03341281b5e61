"""A developing story written for the tests (fictional places, people and numbers), with its answers.

The Selva dam above the Karvanian town of Ostrel gives way on 3 March 2026; for eight days the wire
agency Meridian Press files a dispatch a day, which four outlets republish with small edits (their
own headline, a sentence dropped or added, a word changed). The health ministry and the Red Crescent
give tolls that disagree and are revised, once downwards. Two outlets also send their own reporters
(follow-ups: same story, not copies). On the same days, in the same country, dock workers strike in
the capital Dorvel: an unrelated story that shares places and dates but not its subject.

Everything expected (stories, copies, the two toll series) is written here by hand, not computed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

WIRE = "Meridian Press"
OUTLETS = ("Daily Ledger", "Coastal Times", "Northern Post", "Evening Courier")


@dataclass(frozen=True)
class Piece:
    key: str
    site: str
    day: int  # of March 2026
    hour: int
    title: str
    text: str
    story: str  # the expected story: "flood" or "strike"
    copy_of: str | None = None  # the expected duplicate_of: the key of the earliest copy

    @property
    def url(self) -> str:
        return f"https://{self.site.lower().replace(' ', '')}.example/{self.key}"

    @property
    def published_at(self) -> datetime:
        return datetime(2026, 3, self.day, self.hour, 0, tzinfo=timezone.utc)


DISPATCHES = {  # day -> (title, paragraphs)
    3: ("Dam gives way above Ostrel, flooding Karvanian river towns", [
        "The Selva dam above the town of Ostrel collapsed early on Tuesday after days of heavy rain, sending a "
        "wall of water down the valley and into a string of farming villages in northern Karvania.",
        "The health ministry said at least 40 people had been killed. The Red Crescent said at least 55 people "
        "had been killed and that hundreds of homes were under water.",
        "Rescue crews in boats were pulling families from rooftops along the Selva river, a regional governor "
        "told reporters in Ostrel, where the main bridge had been washed away.",
        "Engineers had warned last autumn that cracks in the spillway needed urgent repair, local newspapers "
        "reported at the time."]),
    4: ("Karvania flood toll climbs as rescuers reach cut-off villages", [
        "Rescuers wading through mud reached villages downstream of the broken Selva dam on Wednesday and found "
        "many houses flattened, raising fears that the number of dead would rise sharply.",
        "The health ministry said at least 112 people had been killed. The Red Crescent said at least 130 people "
        "had been killed, with many more unaccounted for in the lower valley.",
        "Army helicopters dropped water and blankets on hillsides where survivors had spent a cold night, and "
        "field hospitals were set up in school gyms in Ostrel.",
        "The collapse of the dam has become the worst disaster in Karvania in decades."]),
    5: ("Anger grows in Ostrel over warnings about the Selva dam", [
        "Survivors in Ostrel accused the government on Thursday of ignoring repeated warnings about the ageing "
        "Selva dam, as diggers cleared streets choked with uprooted trees and wrecked cars.",
        "The health ministry said at least 260 people had been killed.",
        "The prime minister promised an independent inquiry and flew over the flooded valley by helicopter, "
        "but did not land, which residents described as an insult.",
        "Aid convoys were stuck for hours on the only road into the valley that remains open."]),
    6: ("Red Crescent warns of disease in flooded Selva valley", [
        "Aid workers warned on Friday that stagnant water and broken sewers in the Selva valley could spread "
        "cholera among thousands of families sheltering in tents and schools around Ostrel.",
        "The Red Crescent said at least 310 people had been killed, well above the figure given by officials.",
        "Volunteers were handing out water purification tablets and the first mobile clinics reached the "
        "worst hit hamlets after the road was partly repaired.",
        "The dam burst after the wettest fortnight recorded in northern Karvania."]),
    7: ("Karvania lowers flood toll after double counting", [
        "Karvania's health ministry revised its count of the dead downwards on Saturday, saying some victims of "
        "the Selva dam collapse had been registered twice by hospitals in different towns.",
        "The health ministry said 245 people had been killed, down from the figure it gave on Thursday.",
        "Opposition lawmakers said the correction showed the government had lost track of the disaster, and "
        "demanded that the interior minister appear before parliament.",
        "Search teams with sniffer dogs continued to comb the riverbanks below Ostrel."]),
    8: ("Bodies found downstream push Karvania flood toll higher", [
        "Fishermen and soldiers recovered dozens of bodies on Sunday from a reservoir forty kilometres below the "
        "ruined Selva dam, where the floodwater had carried debris from the valley.",
        "The health ministry said at least 330 people had been killed. The Red Crescent said at least 402 "
        "people had been killed and warned that its count was still incomplete.",
        "Families queued outside a makeshift morgue in an Ostrel ice rink to identify relatives.",
        "The inquiry ordered by the prime minister is due to report within three months."]),
    9: ("Ostrel buries its dead as rebuilding plans stall", [
        "Hundreds of mourners walked behind coffins through the muddy streets of Ostrel on Monday in the largest "
        "of several funerals held across the Selva valley.",
        "The finance ministry has yet to say how it will pay to rebuild the bridge, the water plant and the "
        "two schools destroyed when the dam failed, and insurers are disputing claims.",
        "Priests read out the names of the victims in a service broadcast on national television.",
        "Relatives said many of the dead were elderly farmers who could not climb onto roofs in time."]),
    10: ("Karvania flood toll passes 350 as search winds down", [
        "Karvanian authorities said on Tuesday that the search for survivors of the Selva dam collapse was "
        "ending, a week after the wall of water tore through Ostrel and the villages below it.",
        "The health ministry said at least 351 people had been killed. The Red Crescent said at least 420 "
        "people had been killed and that dozens of people were still missing.",
        "Engineers began draining what is left of the reservoir to stop the damaged dam from failing again.",
        "Schools in Ostrel will stay shut until the end of the month."]),
}

# Who republished which day's dispatch, and the small edit each made.
REPUBLISHED = {
    3: ("Daily Ledger", "Coastal Times", "Northern Post", "Evening Courier"),
    4: ("Daily Ledger", "Northern Post"),
    5: ("Coastal Times", "Evening Courier"),
    6: ("Daily Ledger",),
    7: ("Daily Ledger", "Coastal Times", "Northern Post"),
    8: ("Northern Post", "Evening Courier"),
    9: ("Coastal Times",),
    10: ("Daily Ledger", "Coastal Times", "Northern Post", "Evening Courier"),
}


def _edit(site: str, title: str, paragraphs: list[str]) -> tuple[str, str]:
    """An outlet's small edits to wire copy: its own headline and sign-off, one change in the text."""
    paragraphs = list(paragraphs)
    if site == "Daily Ledger":
        paragraphs = paragraphs[:-1]  # drops the last paragraph for space
        title = title.replace("Karvania", "Karvanian").replace("Dam", "Dam")
    elif site == "Coastal Times":
        paragraphs.append("The Coastal Times contributed reporting from the Selva valley.")
        title = f"{title} - report"
    elif site == "Northern Post":
        paragraphs[0] = paragraphs[0].replace(" on ", " late on ", 1)
        title = title.upper()
    else:
        paragraphs = [p.replace("said", "stated", 1) if i == 0 else p for i, p in enumerate(paragraphs)]
        title = f"WORLD: {title}"
    return title, "\n\n".join(paragraphs)


FOLLOW_UPS = [  # outlets' own reporting on the flood: in the story, not copies
    Piece("ledger-own-5", "Daily Ledger", 5, 15, "In Ostrel, a schoolteacher counts the missing pupils",
          "Our correspondent spent a day in Ostrel with a teacher whose classroom was swept away when the Selva "
          "dam broke. Of her twenty-two pupils, nine are still missing, and she keeps their drawings in a box.\n\n"
          "Volunteers searching the riverbanks say the flood toll will keep rising. Across the valley, families "
          "are sleeping in the gym of the only school left standing, and the dam's ruins loom over the town.",
          "flood"),
    Piece("courier-own-8", "Evening Courier", 8, 18, "Who let the Selva dam decay? Inside the inspections",
          "Inspection reports seen by the Evening Courier show that engineers flagged cracks in the Selva dam "
          "spillway three times before it collapsed onto Ostrel, and that repairs were postponed each year.\n\n"
          "The regional water authority declined to comment while the inquiry into the flood runs. Families "
          "of victims in Ostrel say they want those responsible for the dam to stand trial.",
          "flood"),
]

STRIKE = [  # the unrelated story: same country, same days
    Piece("strike-4", WIRE, 4, 9, "Dock workers walk out at Karvania's main port of Dorvel",
          "Thousands of dock workers at the port of Dorvel, Karvania's capital, stopped work on Wednesday to "
          "demand higher wages, leaving container ships waiting at anchor outside the harbour.\n\n"
          "The dockers' union said the strike would go on until the port authority raised pay by a tenth. The "
          "transport minister called the stoppage irresponsible and urged both sides to return to talks.",
          "strike"),
    Piece("strike-6", "Northern Post", 6, 12, "Dorvel port strike strands ships and shippers",
          "Cranes stood idle for a third day in Dorvel as the dockers' strike spread to the grain terminal, and "
          "exporters warned that perishable cargo was rotting on the quays.\n\n"
          "Union leaders rejected a pay offer from the port authority as too small, and picket lines blocked "
          "trucks at the harbour gates through the night.",
          "strike"),
    Piece("strike-8", "Coastal Times", 8, 10, "Talks to end Dorvel dock strike collapse",
          "Negotiations between the dockers' union and the port authority broke down on Sunday, deepening a "
          "strike that has paralysed container traffic in Karvania's capital for five days.\n\n"
          "The transport minister said the government was ready to bring in the navy to unload urgent cargo at "
          "the Dorvel harbour if the pickets stayed.",
          "strike"),
    Piece("strike-9", WIRE, 9, 16, "Dorvel dockers end strike after wage deal",
          "Dock workers in Dorvel voted on Monday to end their strike after the port authority agreed to a pay "
          "rise of eight percent, and the first container ships were berthing by the evening.\n\n"
          "The union called the deal a victory for every worker at the harbour, while exporters said clearing the "
          "backlog of cargo would take weeks.",
          "strike"),
]


def pieces() -> list[Piece]:
    """Every article of the test set, each with its expected story and copy."""
    out: list[Piece] = []
    for day, (title, paragraphs) in DISPATCHES.items():
        wire_key = f"wire-{day}"
        out.append(Piece(wire_key, WIRE, day, 6, title, "\n\n".join(paragraphs), "flood"))
        for n, site in enumerate(REPUBLISHED[day]):
            edited_title, text = _edit(site, title, paragraphs)
            out.append(Piece(f"{site.split()[0].lower()}-{day}", site, day, 7 + n, edited_title, text, "flood",
                             copy_of=wire_key))
    return sorted(out + FOLLOW_UPS + STRIKE, key=lambda p: (p.published_at, p.key))


# The two competing toll series of the flood, by hand: (as_of day, value, revision).
EXPECTED_TOLLS = {
    "health ministry": [(3, 40, None), (4, 112, "up"), (5, 260, "up"), (7, 245, "down"), (8, 330, "up"),
                        (10, 351, "up")],
    "red crescent": [(3, 55, None), (4, 130, "up"), (6, 310, "up"), (8, 402, "up"), (10, 420, "up")],
}
