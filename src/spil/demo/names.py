"""Generated Dutch names for demo and synthetic data. No real person is named."""

import random

FIRST_NAMES = [
    "Anouk",
    "Bram",
    "Carlijn",
    "Daan",
    "Eline",
    "Fleur",
    "Gijs",
    "Hanna",
    "Iris",
    "Jesse",
    "Kim",
    "Lars",
    "Maaike",
    "Niels",
    "Olga",
    "Pim",
    "Quinten",
    "Roos",
    "Sanne",
    "Thijs",
    "Ulla",
    "Vincent",
    "Wendy",
    "Xander",
    "Yara",
    "Zoë",
    "Mohamed",
    "Fatima",
    "Yusuf",
    "Samira",
    "Ruben",
    "Lotte",
    "Sem",
    "Noor",
    "Milan",
    "Esra",
    "Jasper",
    "Femke",
    "Koen",
    "Ilse",
]
LAST_NAMES = [
    "de Vries",
    "Jansen",
    "van Dijk",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Berg",
    "Schouten",
    "Willems",
    "Hoekstra",
    "Yilmaz",
    "El Amrani",
    "Kaya",
    "Koster",
]
TRADES = [
    ("Bakkerij", "Voeding"),
    ("Installatiebedrijf", "Techniek"),
    ("Bouwbedrijf", "Bouw"),
    ("Hovenier", "Groen"),
    ("Zorggroep", "Zorg"),
    ("Transport", "Logistiek"),
    ("Drukkerij", "Grafisch"),
    ("Hotel", "Horeca"),
    ("Restaurant", "Horeca"),
    ("Advocatenkantoor", "Zakelijke dienstverlening"),
    ("Accountants", "Zakelijke dienstverlening"),
    ("Schoonmaakbedrijf", "Facilitair"),
    ("Metaalbewerking", "Industrie"),
    ("Supermarkt", "Retail"),
    ("ICT-diensten", "ICT"),
    ("Autobedrijf", "Mobiliteit"),
    ("Kinderopvang", "Onderwijs en opvang"),
    ("Recycling", "Circulair"),
]
SUFFIXES = ["", " B.V.", " & Zn.", " Groep", " Noord", " Oost", " Zuid", " West", " Holland"]
MUNICIPALITIES = {
    "Groot Amsterdam": [("Amsterdam", "10"), ("Amstelveen", "11"), ("Diemen", "11"), ("Ouder-Amstel", "11")],
    "Twente": [("Enschede", "75"), ("Hengelo", "75"), ("Almelo", "76"), ("Oldenzaal", "75")],
    "Amersfoort": [("Amersfoort", "38"), ("Soest", "37"), ("Leusden", "38"), ("Baarn", "37"), ("Woudenberg", "39")],
}
FUNCTIONS = ["Directeur", "Eigenaar", "HR-adviseur", "Bedrijfsleider", "Manager P&O", "Office manager"]


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def company_name(rng: random.Random) -> tuple[str, str]:
    trade, sector = rng.choice(TRADES)
    family = rng.choice(LAST_NAMES).split()[-1].capitalize()
    return f"{trade} {family}{rng.choice(SUFFIXES)}", sector


def postcode(rng: random.Random, prefix: str) -> str:
    letters = rng.choice("ABCEGHJKLMNPRTVWXZ") + rng.choice("ABCEGHJKLMNPRTVWXZ")
    return f"{prefix}{rng.randint(10, 99)} {letters}"


def email_for(name: str, domain: str) -> str:
    local = name.lower().replace(" ", ".").replace("ë", "e").replace("'", "")
    return f"{local}@{domain}"
