"""Demo outreach (seed 004): a Blik op de Toekomst round in the Amsterdam network with its guide, interviewers,
target list and conversations, one employer contacted twice within the contact-pressure period, and a bus tour
past business parks. People are generated; the approach is retold from the seed in our own words.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from spil.accounts.models import Membership
from spil.outreach.models import (
    Answer,
    Appointment,
    BusStop,
    BusTour,
    Campaign,
    CampaignKind,
    Channel,
    ContactMoment,
    Conversation,
    FollowUpAction,
    GuideQuestion,
    GuideVersion,
    OutreachSettings,
    Referral,
    Target,
)
from spil.partners.models import Organisation, OrganisationKind, Partnership

from . import names

GUIDE_V1 = [
    "Hoe is uw bedrijf de afgelopen periode doorgekomen?",
    "Welke personeelsvragen spelen er nu en in het komende jaar?",
    "Kent u het werkgeversservicepunt en wat het voor u kan doen?",
    "Staat u open voor medewerkers met een afstand tot de arbeidsmarkt?",
]
GUIDE_V2 = [
    *GUIDE_V1[:3],
    "Welke ondersteuning zou u helpen om iemand met een afstand tot werk aan te nemen?",
    "Wilt u uw ervaringen delen met andere ondernemers?",
]
ANSWERS = [
    "Lastige tijd gehad, nu weer groei.",
    "Moeilijk vervulbare vacatures in logistiek en techniek.",
    "Nog nooit van gehoord; wel van het UWV.",
    "Ja, als de begeleiding goed geregeld is.",
    "Graag, via een bijeenkomst van het netwerk.",
]
PARKS = ["Bedrijventerrein De Hoek", "Sloterdijk-West", "Amstel Business Park"]


def amsterdam(b, network, users) -> None:
    today = b.today
    OutreachSettings.objects.create(network=network, contact_pressure_weeks=8, contact_limit=1)
    interviewers = [b_user for b_user in (users["wsp"], users["partner"], users["coordinator"])]
    campaign = Campaign.objects.create(
        network=network,
        name="Blik op de Toekomst",
        kind=CampaignKind.OUTLOOK,
        description="Ondernemers spreken ondernemers: wat werkt er op de arbeidsmarkt, wat niet, en welke hulp "
        "past? De uitkomsten wijzen werkgevers de weg naar bestaande dienstverlening.",
        goal_count=50,
        starts_on=today - timedelta(days=200),
        ends_on=today - timedelta(days=200) + timedelta(days=365),
    )
    campaign.interviewers.set(interviewers)
    Campaign.objects.create(
        network=network,
        name="Werkambassadeurs",
        kind=CampaignKind.AMBASSADOR,
        goal_count=20,
        description="Werkgevers uit het netwerk bellen collega-ondernemers als werkambassadeur.",
        starts_on=today - timedelta(days=60),
        ends_on=today + timedelta(days=300),
    ).interviewers.set([users["partner"]])
    versions = []
    for number, questions in enumerate((GUIDE_V1, GUIDE_V2), 1):
        version = GuideVersion.objects.create(
            campaign=campaign,
            number=number,
            created_by=users["coordinator"],
            created_at=timezone.now() - timedelta(days=200 - 100 * number),
        )
        version.question_list = GuideQuestion.objects.bulk_create(
            GuideQuestion(version=version, position=p, text=t) for p, t in enumerate(questions, 1)
        )
        versions.append(version)
    wsp = Organisation.objects.filter(partnerships__network=network, kind=OrganisationKind.WSP).first()
    members = list(Partnership.objects.filter(network=network).select_related("organisation")[:12])
    outsiders = []
    for _ in range(8):
        name, sector = names.company_name(b.rng)
        outsiders.append(b.organisation(name, "Groot Amsterdam", sector=sector))
    employers = [p.organisation for p in members if p.organisation.kind == OrganisationKind.EMPLOYER] + outsiders
    Target.objects.bulk_create(Target(campaign=campaign, organisation=o, imported=o in outsiders) for o in employers)
    for index, organisation in enumerate(employers[:10]):
        held_on = today - timedelta(days=150 - index * 14)
        version = versions[0] if held_on < today - timedelta(days=100) else versions[1]
        conversation = Conversation.objects.create(
            campaign=campaign,
            organisation=organisation,
            interviewer=interviewers[index % 3],
            guide_version=version,
            held_on=held_on,
            needs_count=b.rng.randint(0, 3),
            needs="Hulp bij werving en begeleiding op de werkvloer",
            vacancies_count=b.rng.randint(0, 4),
            vacancies="Orderpicker, monteur",
            consent_share_name=index % 3 != 0,
        )
        Answer.objects.bulk_create(
            Answer(conversation=conversation, question=q, text=ANSWERS[i % len(ANSWERS)])
            for i, q in enumerate(version.question_list)
        )
        if wsp and index % 2 == 0:
            Referral.objects.create(conversation=conversation, to_organisation=wsp, note="Kennismaking met het WSP")
        FollowUpAction.objects.create(
            conversation=conversation,
            description="Informatie over de Harrie Helpt-training sturen",
            owner=interviewers[index % 3],
            due_date=held_on + timedelta(days=14),
            status="done" if index % 3 == 0 else "open",
        )
    # Contact pressure: the most recent employer is also called by a partner a week later.
    ContactMoment.objects.create(
        network=network,
        organisation=employers[9],
        who=users["partner"],
        on=today - timedelta(days=10),
        channel=Channel.PHONE,
        note="Gebeld over de jaarbijeenkomst",
    )
    tour = BusTour.objects.create(
        network=network,
        campaign=campaign,
        name="Bustour WSP on the road",
        survey_url="https://example.org/enquete-bustour",
    )
    adviser_ids = [
        m.user_id for m in Membership.objects.filter(network=network, role__in=["public_advisor", "coordinator"])
    ]
    for day, park in enumerate(PARKS):
        starts = timezone.make_aware(datetime.combine(today + timedelta(days=7 + day), time(9, 30)))
        stop = BusStop.objects.create(
            tour=tour, business_park=park, starts_at=starts, ends_at=starts + timedelta(hours=5)
        )
        stop.advisers.set(adviser_ids)
        for slot, organisation in enumerate(employers[10 + day * 3 : 13 + day * 3]):
            Appointment.objects.create(
                stop=stop,
                organisation=organisation,
                at=starts + timedelta(minutes=45 * slot),
                adviser_id=adviser_ids[slot % len(adviser_ids)],
            )
