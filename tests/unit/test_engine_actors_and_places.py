"""How the engine tells an event's place from its actors: the issuer of an advisory,
nationality adjectives, the city of a named country, the country a strike hits, and
states and provinces (ISO 3166-2).

Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from enrich import Engine
from schemas import Article, Event

pytestmark = pytest.mark.unit

PUBLISHED = dt.datetime(2024, 3, 14, 9, tzinfo=dt.UTC)


def _event(engine: Engine, language: str, body: str) -> Event:
    article = Article(id="p", body=body, language=language, published_at=PUBLISHED)
    (event,) = engine.extract(article).events
    return event


def _roles(event: Event) -> set[tuple[str, str | None]]:
    return {(actor.role, actor.country) for actor in event.actors}


def test_an_advisory_is_about_abroad_not_the_issuers_capital(engine: Engine) -> None:
    body = "Britain's Foreign Office advised against all travel to Sudan, officials in London said."
    event = _event(engine, "en", body)
    assert event.countries == ["SD"]
    assert ("initiator", "GB") in _roles(event)


@pytest.mark.parametrize(
    ("language", "body", "destination"),
    [
        ("es", "Madrid desaconseja viajar a Haití y pide a sus ciudadanos prudencia.", ["HT"]),
        ("de", "Berlin rät von Reisen nach Niger ab.", ["NE"]),
    ],
)
def test_a_capital_as_subject_of_an_advisory_issues_it(
    engine: Engine, language: str, body: str, destination: list[str]
) -> None:
    assert _event(engine, language, body).countries == destination


def test_a_country_named_after_an_advisory_is_its_destination(engine: Engine) -> None:
    event = _event(engine, "ar", "ستصدر الخارجية الهولندية إرشادات سفر جديدة لمواطنيها بشأن لبنان.")
    assert event.countries == ["LB"]
    assert ("initiator", "LB") not in _roles(event)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("ar", "قصفت القوات الروسية مدينة أوديسا بالصواريخ."),  # Russian forces, Odesa city
        ("de", "Russische Raketen trafen die ostukrainische Stadt Charkiw."),
    ],
)
def test_a_nationality_adjective_is_a_place_only_beside_its_own_noun(
    engine: Engine, language: str, body: str
) -> None:
    event = _event(engine, language, body)
    assert event.countries == ["UA"]
    assert ("initiator", "RU") in _roles(event)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "Airstrikes hit the Syrian city of Idlib on Monday."),
        ("es", "Un bombardeo alcanzó la ciudad siria de Idlib."),
    ],
)
def test_a_city_of_the_named_country_is_the_location(
    engine: Engine, language: str, body: str
) -> None:
    event = _event(engine, language, body)
    assert event.location is not None
    assert (event.location.name, event.location.precision) == ("Idlib", "city")
    assert event.countries == ["SY"]


@pytest.mark.parametrize(
    ("language", "body", "struck"),
    [
        ("en", "US warplanes bombed Yemen overnight.", "YE"),
        ("es", "Trump amenaza con bombardear Irán si no acepta el acuerdo.", "IR"),
    ],
)
def test_the_country_a_strike_verb_takes_is_hit_not_the_attacker(
    engine: Engine, language: str, body: str, struck: str
) -> None:
    event = _event(engine, language, body)
    assert event.countries == [struck]
    assert ("target", struck) in _roles(event)
    assert ("initiator", struck) not in _roles(event)


def test_a_country_after_an_agent_marker_strikes(engine: Engine) -> None:
    event = _event(engine, "en", "An airstrike by US forces hit a residential area in Balkh.")
    assert event.countries == ["AF"]
    assert _roles(event) == {("initiator", "US")}


def test_a_country_in_a_reporting_clause_is_not_struck(engine: Engine) -> None:
    event = _event(engine, "en", "The airstrikes, Israel said, targeted weapons depots.")
    assert event.countries == []
    assert _roles(event) == {("initiator", "IL")}


def test_a_trigger_that_starts_with_an_actor_name_is_kept(engine: Engine) -> None:
    event = _event(engine, "en", "Militias were massing near the border on Tuesday.")
    assert event.type.value == "deployment"


@pytest.mark.parametrize(
    ("language", "body", "country", "name"),
    [
        ("en", "Airstrikes hit a compound in Khan Killi (Mizan, Zabul) on Monday.", "AF", "Zābul"),
        ("en", "Coalition airstrikes destroyed a cave complex in Zabul province.", "AF", "Zābul"),
        ("en", "Hundreds of people staged a protest in Assam on Tuesday.", "IN", "Assam"),
        ("de", "Hunderte Beschäftigte streikten am Dienstag in Bayern.", "DE", "Bayern"),
    ],
)
def test_a_state_or_province_is_a_located_region(
    engine: Engine, language: str, body: str, country: str, name: str
) -> None:
    event = _event(engine, language, body)
    assert event.countries == [country]
    assert event.location is not None
    assert (event.location.name, event.location.precision) == (name, "region")


def test_a_province_name_inside_a_company_name_is_no_place(engine: Engine) -> None:
    event = _event(engine, "en", "Workers at Texas Instruments went on strike on Monday.")
    assert event.countries == []


def test_an_advisory_without_a_place_nearby_is_about_the_articles_focus(
    engine: Engine,
) -> None:
    body = (
        "Security status: exercise normal precautions.\n\n"
        "Entry requirements\n\nVisitors need a valid passport.\n\n"
        "Safety\n\nPetty crime is common in Riga. Take care at night in Latvia."
    )
    event = _event(engine, "en", body)
    assert (event.type.value, event.countries) == ("advisory", ["LV"])


def test_the_police_facing_a_protest_do_not_make_it(engine: Engine) -> None:
    body = (
        "Thousands of police officers were deployed in Paris on Thursday ahead of the "
        "protests planned for Saturday."
    )
    article = Article(id="p", body=body, language="en", published_at=PUBLISHED)
    events = {event.type.value: event for event in engine.extract(article).events}
    assert events["deployment"].modality.value == "asserted"
    assert events["protest"].modality.value == "planned"
    assert all(actor.name != "Police" for actor in events["protest"].actors)


@pytest.mark.parametrize(
    ("body", "country"),
    [
        ("تظاهر آلاف الأردنيين في عمان يوم الجمعة تضامنا مع غزة.", "JO"),  # Jordanians, Amman
        ("وصلت سفينة حربية أمريكية إلى سلطنة عمان يوم الأحد.", "OM"),  # the Sultanate of Oman
    ],
)
def test_a_country_name_that_is_a_capital_elsewhere_follows_the_article(
    engine: Engine, body: str, country: str
) -> None:
    assert _event(engine, "ar", body).countries == [country]


def test_a_target_follows_its_marker_closely(engine: Engine) -> None:
    body = "US warplanes struck targets in Lebanon on Monday, American officials said."
    event = _event(engine, "en", body)
    assert _roles(event) == {("initiator", "US")}


@pytest.mark.parametrize(
    ("language", "body", "initiator"),
    [
        ("en", "Moscow said on Tuesday that Ukrainian drones struck a refinery in Ryazan.", "UA"),
        ("fr", "Odessa, 14 mars (AFP) - L'armée russe a lancé des drones sur Odessa.", "RU"),
        (
            "de",
            "Odessa (dpa) - Bei einem russischen Drohnenangriff auf Odessa starb ein Mann.",
            "RU",
        ),
    ],
)
def test_the_striker_is_the_actor_nearest_before_the_trigger(
    engine: Engine, language: str, body: str, initiator: str
) -> None:
    assert ("initiator", initiator) in _roles(_event(engine, language, body))


def test_where_verbs_come_last_the_first_actor_strikes_the_next(engine: Engine) -> None:
    body = "Israel hat am Dienstag den Libanon mit Kampfjets angegriffen, meldete die Armee."
    event = _event(engine, "de", body)
    assert _roles(event) == {("initiator", "IL"), ("target", "LB")}
    assert event.countries == ["LB"]


@pytest.mark.parametrize(
    ("language", "body", "initiator"),
    [
        ("en", "Nigerian security forces shelled a camp near Maiduguri.", "NG"),
        ("fr", "Le Kenya a critiqué la Somalie et a envoyé 300 soldats à la frontière.", "KE"),
    ],
)
def test_a_country_before_a_force_names_it_and_a_joiner_keeps_the_subject(
    engine: Engine, language: str, body: str, initiator: str
) -> None:
    assert ("initiator", initiator) in _roles(_event(engine, language, body))


def test_where_verbs_come_last_the_subject_is_in_the_triggers_clause(engine: Engine) -> None:
    body = "Falls die Hisbollah weiter feuert, werde Israel Ziele in Beirut bombardieren."
    assert ("initiator", "IL") in _roles(_event(engine, "de", body))


@pytest.mark.parametrize(
    ("language", "body", "countries"),
    [
        ("es", "MADRID, 5 ago (EFE).- Miles de personas protestaron ayer en Daca.", ["BD"]),
        ("en", "LONDON, March 14 (Reuters) - Russian drones struck Odesa overnight.", ["UA"]),
    ],
)
def test_a_dateline_is_where_the_reporter_is_not_the_event(
    engine: Engine, language: str, body: str, countries: list[str]
) -> None:
    assert _event(engine, language, body).countries == countries


def test_strikes_by_two_countries_are_two_events(engine: Engine) -> None:
    body = (
        "Indian jets bombed positions along the Line of Control. "
        "Pakistani artillery shelled Indian posts in response."
    )
    article = Article(id="s", body=body, language="en", published_at=PUBLISHED)
    initiators = [
        {a.country for a in e.actors if a.role == "initiator"}
        for e in engine.extract(article).events
    ]
    assert initiators == [{"IN"}, {"PK"}]


def test_a_country_ending_a_located_path_is_a_place(engine: Engine) -> None:
    body = "Residents protested from their balconies in Zajecar, Serbia, on Sunday."
    assert _event(engine, "en", body).countries == ["RS"]


@pytest.mark.parametrize(
    ("language", "body", "country"),
    [
        ("en", "Poland scrambled fighter jets on Sunday.", "PL"),
        ("fr", "La Pologne a fait décoller ses avions de chasse dimanche.", "PL"),
        ("es", "Miles de argentinos marcharon el lunes contra los recortes.", "AR"),
    ],
)
def test_an_unplaced_deployment_or_protest_happens_in_its_initiators_country(
    engine: Engine, language: str, body: str, country: str
) -> None:
    event = _event(engine, language, body)
    assert event.countries == [country]
    assert event.location is not None
    assert (event.location.country, event.location.precision) == (country, "country")


@pytest.mark.parametrize(
    "body",
    [
        "BUENOS AIRES, 7 abr (EFE).- Miles de personas marcharon el lunes contra los recortes.",
        "Paro nacional\n\nBUENOS AIRES, 7 abr (EFE).- Miles de personas marcharon el lunes.",
    ],
)
def test_an_unplaced_event_happens_at_the_dateline(engine: Engine, body: str) -> None:
    assert _event(engine, "es", body).countries == ["AR"]


def test_an_advisory_never_takes_the_dateline_for_its_destination(engine: Engine) -> None:
    body = "PARIS (AFP) - Le Quai d'Orsay déconseille formellement les voyages dans la région."
    assert _event(engine, "fr", body).countries == []


def test_a_deployment_at_home_does_not_take_the_place_of_the_sentence_before(
    engine: Engine,
) -> None:
    body = "Russian missiles struck Lviv on Sunday. Poland scrambled fighter jets."
    article = Article(id="p", body=body, language="en", published_at=PUBLISHED)
    events = {e.type.value: e for e in engine.extract(article).events}
    assert events["strike"].countries == ["UA"]
    assert events["deployment"].countries == ["PL"]


def test_a_name_that_opens_a_compound_is_no_actor(engine: Engine) -> None:
    body = "+++ Ukraine-Liveblog +++ Russische Raketen trafen in der Nacht Kiew."
    event = _event(engine, "de", body)
    assert _roles(event) == {("initiator", "RU")}


def test_an_unplaced_event_happens_in_the_country_the_article_names_most(
    engine: Engine,
) -> None:
    body = (
        "Kenya's parliament passed the finance bill on Tuesday. "
        "The opposition called a general strike for Thursday. "
        "Inflation in Kenya has doubled in two years."
    )
    assert _event(engine, "en", body).countries == ["KE"]
