"""Synthetic outreach for `spil generate`: two campaigns per network with a guide, target lists, conversations
with answers, referrals and follow-up actions, contact moments and a bus tour.

About two conversations per organisation (20,000 at national size), all rows written with bulk_create.
"""

from collections import defaultdict
from datetime import timedelta

from spil.outreach.models import (
    ActionStatus,
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
    Referral,
    Target,
)
from spil.partners.models import OrganisationKind

QUESTIONS = [
    "Hoe staat uw personeelsbestand ervoor?",
    "Welke vacatures zijn moeilijk te vervullen?",
    "Kent u het werkgeversservicepunt?",
    "Staat u open voor mensen met een afstand tot de arbeidsmarkt?",
]
ANSWERS = ["Krap, vooral in techniek.", "Stabiel.", "Nee, nog niet.", "Ja, met begeleiding.", "Misschien later."]
CAMPAIGNS = [("Blik op de Toekomst", CampaignKind.OUTLOOK, 300), ("Werkambassadeurs", CampaignKind.AMBASSADOR, 100)]
CONVERSATIONS_PER_ORGANISATION = 2


def generate_outreach(gen) -> None:
    rng, today = gen.rng, gen.today
    orgs_by_network = defaultdict(list)
    for organisation, index in zip(gen.organisations, gen.org_network, strict=True):
        orgs_by_network[index].append(organisation)
    interviewers = {index: list(core) for index, core in enumerate(gen.core_users)}
    interviewers[0] += [gen.bench["public_advisor"], gen.bench["partner_contact"], gen.bench["coordinator"]]

    campaigns = gen.bulk(
        Campaign,
        [
            Campaign(
                network_id=network.pk,
                name=name,
                kind=kind,
                goal_count=goal,
                starts_on=today - timedelta(days=300),
                ends_on=today + timedelta(days=65),
            )
            for network in gen.networks
            for name, kind, goal in CAMPAIGNS
        ],
    )
    Campaign.interviewers.through.objects.bulk_create(
        Campaign.interviewers.through(campaign_id=campaign.pk, user_id=user.pk)
        for number, campaign in enumerate(campaigns)
        for user in interviewers[number // len(CAMPAIGNS)]
    )
    versions = gen.bulk(GuideVersion, [GuideVersion(campaign_id=c.pk, number=1) for c in campaigns])
    questions = gen.bulk(
        GuideQuestion,
        [GuideQuestion(version_id=v.pk, position=p, text=t) for v in versions for p, t in enumerate(QUESTIONS, 1)],
    )
    questions_of = defaultdict(list)
    for question in questions:
        questions_of[question.version_id].append(question.pk)

    targets, conversations, moments = [], [], []
    for index, network in enumerate(gen.networks):
        orgs = orgs_by_network[index]
        people = interviewers[index]
        employers = [o for o in orgs if o.kind == OrganisationKind.EMPLOYER] or orgs
        for number, _ in enumerate(CAMPAIGNS):
            campaign, version = campaigns[index * len(CAMPAIGNS) + number], versions[index * len(CAMPAIGNS) + number]
            listed = employers if number == 0 else employers[::2]
            targets += [Target(campaign_id=campaign.pk, organisation_id=o.pk) for o in listed]
            count = CONVERSATIONS_PER_ORGANISATION * len(orgs) // len(CAMPAIGNS)
            for _ in range(count):
                conversations.append(
                    Conversation(
                        campaign_id=campaign.pk,
                        organisation_id=rng.choice(listed).pk,
                        interviewer_id=rng.choice(people).pk,
                        guide_version_id=version.pk,
                        held_on=today - timedelta(days=rng.randint(0, 300)),
                        needs_count=rng.randint(0, 3),
                        vacancies_count=rng.choice([0, 0, 1, 2, 5]),
                        consent_share_name=rng.random() < 0.7,
                        needs="Werving en begeleiding",
                    )
                )
        for organisation in employers[::2]:
            moments.append(
                ContactMoment(
                    network_id=network.pk,
                    organisation_id=organisation.pk,
                    who_id=rng.choice(people).pk,
                    on=today - timedelta(days=rng.randint(0, 120)),
                    channel=rng.choice(Channel.values),
                )
            )
    gen.bulk(Target, targets)
    conversations = gen.bulk(Conversation, conversations)
    gen.bulk(ContactMoment, moments)
    _details(gen, conversations, questions_of, orgs_by_network, campaigns)
    _bus_tours(gen, campaigns, orgs_by_network, interviewers)


def _details(gen, conversations, questions_of, orgs_by_network, campaigns) -> None:
    rng, today = gen.rng, gen.today
    network_of_campaign = {c.pk: c.network_id for c in campaigns}
    index_of_network = {n.pk: i for i, n in enumerate(gen.networks)}
    public = {
        index: [o.pk for o in orgs if o.kind != OrganisationKind.EMPLOYER] for index, orgs in orgs_by_network.items()
    }
    answers, referrals, actions = [], [], []
    for conversation in conversations:
        for question_id in questions_of[conversation.guide_version_id]:
            answers.append(Answer(conversation_id=conversation.pk, question_id=question_id, text=rng.choice(ANSWERS)))
        partners = public[index_of_network[network_of_campaign[conversation.campaign_id]]]
        if partners and rng.random() < 0.25:
            referrals.append(Referral(conversation_id=conversation.pk, to_organisation_id=rng.choice(partners)))
        if rng.random() < 0.4:
            due = conversation.held_on + timedelta(days=rng.randint(7, 60))
            done = due < today and rng.random() < 0.7
            actions.append(
                FollowUpAction(
                    conversation_id=conversation.pk,
                    description="Informatie over het WSP sturen",
                    owner_id=conversation.interviewer_id,
                    due_date=due,
                    status=ActionStatus.DONE if done else ActionStatus.OPEN,
                )
            )
    gen.bulk(Answer, answers)
    gen.bulk(Referral, referrals)
    gen.bulk(FollowUpAction, actions)


def _bus_tours(gen, campaigns, orgs_by_network, interviewers) -> None:
    rng, now = gen.rng, gen.now
    tours = gen.bulk(
        BusTour,
        [
            BusTour(network_id=n.pk, campaign_id=campaigns[i * len(CAMPAIGNS)].pk, name="Bustour WSP")
            for i, n in enumerate(gen.networks)
        ],
    )
    stops = gen.bulk(
        BusStop,
        [
            BusStop(
                tour_id=tour.pk,
                business_park=f"Bedrijventerrein {number + 1}",
                starts_at=now + timedelta(days=10 + number),
                ends_at=now + timedelta(days=10 + number, hours=5),
            )
            for tour in tours
            for number in range(3)
        ],
    )
    BusStop.advisers.through.objects.bulk_create(
        BusStop.advisers.through(busstop_id=stop.pk, user_id=user.pk)
        for number, stop in enumerate(stops)
        for user in interviewers[number // 3][:2]
    )
    appointments = []
    for number, stop in enumerate(stops):
        orgs = orgs_by_network[number // 3]
        for slot in range(5):
            appointments.append(
                Appointment(
                    stop_id=stop.pk,
                    organisation_id=rng.choice(orgs).pk,
                    at=stop.starts_at + timedelta(minutes=45 * slot),
                )
            )
    gen.bulk(Appointment, appointments)
