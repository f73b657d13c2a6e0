"""Demo signpost (wegwijzer) for the demo networks, and the demo login of its editor.

The initiatives are invented for the demo; they resemble the kind of regional help that
NLWerktDoor put in its signpost (seed 004). One per network was last checked more than a
year ago, so the "niet gecontroleerd" flag shows.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from spil.accounts.models import Membership, Role
from spil.knowledge.models import SignpostEntry, Theme
from spil.networks.models import Network

EDITOR_EMAIL = "redacteur@spil.example"

# (name, theme, audience, offer, contact name, email, phone, website, days since last check)
ENTRIES = {
    "99vangroot-amsterdam": [
        (
            "Leerwerkloket Amstelstad",
            Theme.LEARNING,
            "Werkzoekenden en werkenden die willen omscholen of een diploma willen halen",
            "Gratis loopbaanadvies, hulp bij het vinden van een opleiding en informatie over scholingsvouchers.",
            "Team leerwerkloket",
            "info@leerwerkloket-amstelstad.example",
            "020 555 01 10",
            "https://leerwerkloket-amstelstad.example",
            40,
        ),
        (
            "Jobcoachpool Zuidas",
            Theme.COACHING,
            "Werkgevers die iemand uit de banenafspraak in dienst nemen",
            "Een vaste jobcoach die de eerste zes maanden meekijkt op de werkvloer en de leidinggevende ondersteunt.",
            "Mirjam Oudejans",
            "jobcoach@zuidaspool.example",
            "",
            "",
            200,
        ),
        (
            "Startersbeurs Inclusief Ondernemen",
            Theme.INCLUSIVE_BUSINESS,
            "Mkb-werkgevers die voor het eerst iemand met een afstand tot de arbeidsmarkt aannemen",
            "Een jaarlijkse ontmoetingsmiddag met workshops over werkaanpassing, subsidies en goede voorbeelden.",
            "",
            "",
            "",
            "https://startersbeurs-inclusief.example",
            430,
        ),
        (
            "Regelingenwijzer Werkgevers",
            Theme.SCHEMES,
            "Werkgevers met vragen over loonkostensubsidie, no-riskpolis of proefplaatsing",
            "Telefonisch spreekuur waar een adviseur uitzoekt welke regeling past en helpt bij de aanvraag.",
            "Spreekuur regelingen",
            "",
            "020 555 02 20",
            "",
            90,
        ),
    ],
    "99vantwente": [
        (
            "Techniekpad Twente",
            Theme.JOB_SEARCH,
            "Werkzoekenden met interesse in techniek, ook zonder startkwalificatie",
            "Kennismakingsweken bij technische bedrijven, gevolgd door een leerbaan met begeleiding.",
            "Ruud Nijhuis",
            "ruud@techniekpad.example",
            "053 555 03 30",
            "",
            120,
        ),
        (
            "Taalmaatjes op de werkvloer",
            Theme.LEARNING,
            "Statushouders en andere nieuwkomers die aan het werk zijn of gaan",
            "Vrijwillige taalmaatjes die wekelijks met een nieuwe collega werktaal oefenen, in de pauze of erna.",
            "",
            "taalmaatjes@twentewerkt.example",
            "",
            "",
            500,
        ),
    ],
    "dnz-amersfoort": [
        (
            "Werkfit Eemland",
            Theme.COACHING,
            "Inwoners met een uitkering die weer willen wennen aan werkritme",
            "Een traject van twaalf weken met werkervaring, coaching en een sollicitatietraining.",
            "Sanne Brouwer",
            "werkfit@eemland.example",
            "033 555 04 40",
            "https://werkfit-eemland.example",
            15,
        ),
        (
            "Ondernemerscafé Anders Werken",
            Theme.INCLUSIVE_BUSINESS,
            "Ondernemers die willen leren van collega's over inclusief personeelsbeleid",
            "Vier keer per jaar een informele avond bij een deelnemend bedrijf, met een rondleiding en een vraag.",
            "",
            "cafe@anderswerken.example",
            "",
            "",
            380,
        ),
    ],
}


def load(networks: list[Network], *, password: str) -> None:
    """The signpost entries of each demo network, and an editor in Amsterdam and Amersfoort."""
    today = timezone.localdate()
    editor = get_user_model().objects.create_user(
        email=EDITOR_EMAIL, password=password, first_name="Lotte", last_name="Verbeek"
    )
    by_slug = {network.slug: network for network in networks}
    entries = []
    for slug, rows in ENTRIES.items():
        network = by_slug[slug]
        region = network.regions.first()
        for name, theme, audience, offer, contact, email, phone, website, days in rows:
            entry = SignpostEntry(
                network=network,
                name=name,
                theme=theme,
                audience=audience,
                offer=offer,
                region=region,
                contact_name=contact,
                contact_email=email,
                contact_phone=phone,
                website=website,
                last_checked_on=today - timedelta(days=days),
                last_checked_by=editor,
                created_by=editor,
                updated_by=editor,
            )
            entry.search_text = " ".join((name, audience, offer)).lower()
            entries.append(entry)
    SignpostEntry.objects.bulk_create(entries)
    for slug in ("99vangroot-amsterdam", "dnz-amersfoort"):
        Membership.objects.create(user=editor, network=by_slug[slug], role=Role.EDITOR)


def generate_signpost(gen) -> None:
    """Signpost entries for `spil generate`: about one per ten organisations of each network (1,000 at
    national size), in the network's region, one in five last checked more than a year ago."""
    rng, today = gen.rng, gen.today
    themes = Theme.values
    words = ["Werkpunt", "Leerhuis", "Jobcoachteam", "Loket", "Werkplaats", "Netwerk", "Steunpunt", "Academie"]
    audiences = [
        "Werkzoekenden met een afstand tot de arbeidsmarkt",
        "Werkgevers in de zorg en het onderwijs",
        "Jongeren zonder startkwalificatie",
        "Statushouders die de taal leren",
        "Mkb-werkgevers die iemand uit de banenafspraak aannemen",
    ]
    offers = [
        "Begeleiding op de werkvloer tijdens de eerste maanden",
        "Een leerbaan met een erkend diploma",
        "Hulp bij het aanvragen van loonkostensubsidie en een no-riskpolis",
        "Workshops over inclusief werven en jobcarving",
        "Oefenen met sollicitaties en werktaal",
    ]
    entries = []
    for network, region, size in zip(gen.networks, gen.regions, gen._network_sizes(), strict=True):
        for i in range(max(3, size // 10)):
            name = f"{rng.choice(words)} {region.name} {i + 1}"
            audience, offer = rng.choice(audiences), rng.choice(offers)
            days = rng.randint(400, 900) if i % 5 == 0 else rng.randint(0, 360)
            entry = SignpostEntry(
                network=network,
                name=name,
                theme=rng.choice(themes),
                audience=audience,
                offer=offer,
                region=region,
                contact_email=f"info{i}@wegwijzer.example",
                last_checked_on=today - timedelta(days=days),
                archived=i % 25 == 24,
            )
            entry.search_text = " ".join((name, audience, offer)).lower()
            entries.append(entry)
    gen.bulk(SignpostEntry, entries)
