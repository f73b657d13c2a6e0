"""The consent texts a candidate is shown, each with a version.

A consent records the version and the exact text shown, so a text is never changed in place: write a new
version and add it here. The texts are Dutch on purpose: they are what the candidate read and agreed to,
whatever language the advisor's screen is in.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ConsentText:
    version: str
    template: str

    def render(self, *, network: str) -> str:
        return self.template.format(network=network)


TEXTS = {
    "match": ConsentText(
        version="match-2026-1",
        template=(
            "Ik geef toestemming dat de netwerkcoördinator van {network} mijn profiel (taken die ik kan en wil "
            "leren, uren, reisafstand, opleiding, doelgroep en ondersteuning) gebruikt om mij te koppelen aan "
            "werkplekken bij werkgevers in het netwerk. Ik kan deze toestemming altijd intrekken; dan stopt het "
            "matchen meteen."
        ),
    ),
    "anonymous_profile": ConsentText(
        version="anonymous-2026-1",
        template=(
            "Ik geef toestemming dat werkgevers in {network} een anoniem profiel van mij zien: zonder naam en "
            "contactgegevens, met mijn leeftijdsgroep, woongemeente, taken, uren en pitch. Ik kan deze "
            "toestemming altijd intrekken; dan verdwijnt mijn profiel meteen."
        ),
    ),
    "share_contact": ConsentText(
        version="contact-2026-1",
        template=(
            "Ik geef toestemming dat mijn naam, e-mailadres en telefoonnummer worden gedeeld met de hierboven "
            "gekozen werkgever in {network}, voor een kennismaking. Ik kan deze toestemming altijd intrekken; "
            "dan ziet de werkgever mijn gegevens niet meer in Spil."
        ),
    ),
    "video": ConsentText(
        version="video-2026-1",
        template=(
            "Ik geef toestemming dat werkgevers in {network} mijn video-cv zien bij mijn anonieme profiel, "
            "bijvoorbeeld op een speedmeet. In de video ben ik te zien en te horen: werkgevers kunnen mij "
            "daardoor herkennen. Ik kan deze toestemming altijd intrekken; dan verdwijnt de link naar mijn video "
            "meteen."
        ),
    ),
}


def consent_text(purpose: str, *, network) -> tuple[str, str]:
    """(version, exact text) for a purpose in a network."""
    text = TEXTS[purpose]
    return text.version, text.render(network=network.name)
