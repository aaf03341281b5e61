"""Demonyms ("Israeli", "Palestinians", "U.S.") and the country each names (ISO 3166-1 alpha-2).

A demonym is never a place; in front of a state's noun ("Israeli forces", "Chinese authorities") it
names the country as an actor; in front of any other group ("Palestinian militants") it stays a group
that carries the country. :func:`demonym_country` reads singular and plural forms.
"""

from __future__ import annotations

import re

__all__ = ["DEMONYMS", "STATE_ACTS", "STATE_NOUNS", "demonym_country"]

_TABLE = """
AF Afghan|AL Albanian|DZ Algerian|AO Angolan|AR Argentine Argentinian|AM Armenian|AU Australian|AT Austrian
AZ Azerbaijani Azeri|BH Bahraini|BD Bangladeshi|BY Belarusian|BE Belgian|BJ Beninese|BT Bhutanese|BO Bolivian
BA Bosnian|BW Botswanan|BR Brazilian|GB British English Scottish Welsh|BG Bulgarian|BF Burkinabe|MM Burmese
BI Burundian|KH Cambodian|CM Cameroonian|CA Canadian|CF Central-African|TD Chadian|CL Chilean|CN Chinese
CO Colombian|CD Congolese|CR Costa-Rican|HR Croatian|CU Cuban|CY Cypriot|CZ Czech|DK Danish Dane
DO Dominican|NL Dutch|EC Ecuadorian Ecuadorean|EG Egyptian|SV Salvadoran|ER Eritrean|EE Estonian
ET Ethiopian|FJ Fijian|FI Finnish Finn|FR French|GA Gabonese|GM Gambian|GE Georgian|DE German|GH Ghanaian
GR Greek|GT Guatemalan|GN Guinean|HT Haitian|HN Honduran|HU Hungarian|IS Icelandic|IN Indian|ID Indonesian
IR Iranian|IQ Iraqi|IE Irish|IL Israeli|IT Italian|CI Ivorian|JM Jamaican|JP Japanese|JO Jordanian
KZ Kazakh|KE Kenyan|XK Kosovar|KW Kuwaiti|KG Kyrgyz|LA Laotian|LV Latvian|LB Lebanese|LR Liberian|LY Libyan
LT Lithuanian|LU Luxembourgish|MG Malagasy|MW Malawian|MY Malaysian|MV Maldivian|ML Malian|MT Maltese
MR Mauritanian|MU Mauritian|MX Mexican|MD Moldovan|MN Mongolian|ME Montenegrin|MA Moroccan|MZ Mozambican
NA Namibian|NP Nepali Nepalese|NZ New-Zealander|NI Nicaraguan|NE Nigerien|NG Nigerian|MK Macedonian
NO Norwegian|OM Omani|PK Pakistani|PS Palestinian|PA Panamanian|PG Papuan|PY Paraguayan|PE Peruvian
PH Filipino Philippine|PL Polish Pole|PT Portuguese|QA Qatari|RO Romanian|RU Russian|RW Rwandan
SA Saudi Saudi-Arabian|SN Senegalese|RS Serbian Serb|SL Sierra-Leonean|SG Singaporean|SK Slovak|SI Slovenian|SO Somali Somalian
ZA South-African|ES Spanish Spaniard|LK Sri-Lankan|SD Sudanese|SS South-Sudanese|SE Swedish Swede|CH Swiss
SY Syrian|TW Taiwanese|TJ Tajik|TZ Tanzanian|TH Thai|TG Togolese|TN Tunisian|TR Turkish Turk|TM Turkmen
UG Ugandan|UA Ukrainian|AE Emirati|US American|UY Uruguayan|UZ Uzbek|VE Venezuelan|VN Vietnamese
YE Yemeni|ZM Zambian|ZW Zimbabwean|KR South-Korean|KP North-Korean
"""
# Plural forms that are not the singular plus "s".
_IRREGULAR = {"Chinese": "CN", "Japanese": "JP", "Vietnamese": "VN", "Lebanese": "LB", "Sudanese": "SD",
              "Swiss": "CH", "French": "FR", "Dutch": "NL", "British": "GB", "Irish": "IE", "Portuguese": "PT",
              "Frenchmen": "FR", "Englishmen": "GB", "Congolese": "CD", "Senegalese": "SN", "Nepalese": "NP",
              "Burmese": "MM", "Maltese": "MT", "Togolese": "TG", "Gabonese": "GA", "Taiwanese": "TW",
              "Sri Lankans": "LK", "Sierra Leoneans": "SL", "New Zealanders": "NZ", "Filipinos": "PH", "Saudis": "SA",
              "Thais": "TH", "Yemenis": "YE", "Iraqis": "IQ", "Israelis": "IL", "Pakistanis": "PK",
              "Afghans": "AF", "Somalis": "SO", "Kuwaitis": "KW", "Qataris": "QA", "Omanis": "OM",
              "Bahrainis": "BH", "Emiratis": "AE", "Bangladeshis": "BD", "Azeris": "AZ", "Kazakhs": "KZ",
              "Uzbeks": "UZ", "Tajiks": "TJ", "Kyrgyz": "KG"}

DEMONYMS: dict[str, str] = {}
for _entry in re.split(r"[|\n]", _TABLE.strip()):
    _code, *_words = _entry.split()
    for _word in _words:
        _word = _word.replace("-", " ")
        DEMONYMS[_word] = _code
        DEMONYMS[_word + "s"] = _code
DEMONYMS.update(_IRREGULAR)
DEMONYMS.pop("Philippines", None)   # the plural of "Philippine" is the country's own name, a place

# Nouns after a demonym that make the whole phrase the state acting: "Israeli forces" -> Israel.
STATE_NOUNS = set("""forces force troops army military soldiers navy air warplanes jets aircraft drones officials
authorities government administration ministry minister ministers president premier leader leaders leadership
police security intelligence negotiators diplomats delegation embassy envoy state regime cabinet parliament
lawmakers court courts prosecutors judiciary coast guard tanks artillery border guards strikes military's
side counterparts officers spokesman spokeswoman spokesperson missile missiles warplane warships warship submarine
helicopter helicopters gunships bomber bombers drone shells""".split())

# Nouns of a state's acts: before them a demonym is the state that acts ("the Swedish investigation",
# "Russian shelling", "Chinese tariffs" -> Sweden, Russia, China), the demonym alone its mention.
STATE_ACTS = set("""investigation investigations inquiry probe prosecution decision move moves offensive operation
operations campaign attack attacks airstrikes raid raids sanctions tariffs bombardment shelling blockade invasion
incursion occupation crackdown ban embargo intervention withdrawal deployment retaliation annexation
recognition veto strike airstrike fire gunfire bombing bombings assault assaults barrage counteroffensive
counterattack""".split())


def demonym_country(word: str) -> str | None:
    """ISO alpha-2 of the country a demonym names ("Israeli", "Palestinians", "US" -> IL, PS, US)."""
    return DEMONYMS.get(word.replace("’", "'"))
