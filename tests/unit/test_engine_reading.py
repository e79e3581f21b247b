"""How the engine reads dates of planned events, numbers that are not counts, and
place names written in small letters, conditions, and counts before measures."""

from __future__ import annotations

import datetime as dt

import pytest

from enrich import Engine
from schemas import Article, Event

pytestmark = pytest.mark.unit

PUBLISHED = dt.datetime(2024, 3, 14, 9, tzinfo=dt.UTC)  # a Thursday


def _events(engine: Engine, language: str, body: str) -> list[Event]:
    article = Article(id="r", body=body, language=language, published_at=PUBLISHED)
    return list(engine.extract(article).events)


@pytest.mark.parametrize(
    ("language", "body", "day"),
    [
        ("en", "The unions called a general strike for March 28.", "2024-03-28"),
        ("es", "Los sindicatos convocaron un paro para el 20 de marzo.", "2024-03-20"),
        ("fr", "Une grève générale est prévue le 2 mars.", "2025-03-02"),
        (
            "de",
            "Die Gewerkschaft hat für den 28. März zu einem Warnstreik aufgerufen.",
            "2024-03-28",
        ),
    ],
)
def test_a_planned_event_on_a_day_without_year_is_the_next_such_day(
    engine: Engine, language: str, body: str, day: str
) -> None:
    (event,) = _events(engine, language, body)
    assert (event.modality.value, str(event.date)) == ("planned", day)


def test_a_past_day_without_year_stays_in_the_past(engine: Engine) -> None:
    (event,) = _events(engine, "en", "Thousands of people marched in Lima on March 28.")
    assert str(event.date) == "2023-03-28"


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "Dock workers began a 48-hour strike at the port."),
        ("en", "The air force deployed F-22 fighter jets to the base."),
        ("es", "Los camioneros iniciaron un paro de 24 horas en la capital."),
        ("fr", "Une grève générale est prévue le 15 avril dans tout le pays."),
        ("de", "Am 3. März demonstrierten Beschäftigte vor dem Rathaus."),
    ],
)
def test_numbers_in_dates_durations_and_names_are_not_counts(
    engine: Engine, language: str, body: str
) -> None:
    events = _events(engine, language, body)
    assert events
    assert all(not event.quantities for event in events)


def test_a_measure_does_not_hide_a_real_count(engine: Engine) -> None:
    (event,) = _events(engine, "en", "About 3,000 protesters marched for 3 km through Quito.")
    assert [q.value for q in event.quantities] == [3000]


@pytest.mark.parametrize(
    ("body", "region"),
    [
        ("Des drones ont frappé un navire en mer Rouge.", "Red Sea"),
        ("Les rebelles ont tiré des missiles sur un pétrolier dans le golfe Persique.", "Gulf"),
    ],
)
def test_a_region_written_in_small_letters_is_found(engine: Engine, body: str, region: str) -> None:
    (event,) = _events(engine, "fr", body)
    assert event.location is not None
    assert (event.location.name, event.location.precision) == (region, "region")


def test_a_german_denial_at_the_clause_end_negates(engine: Engine) -> None:
    body = "Die Armee hat Berichte über einen Drohnenangriff auf den Flughafen dementiert."
    (event,) = _events(engine, "de", body)
    assert event.modality.value == "negated"


def test_a_cue_after_the_trigger_stops_at_the_clause_break(engine: Engine) -> None:
    body = "Die Luftwaffe bombardierte das Depot; ob weitere Angriffe folgen, ist nicht klar."
    events = _events(engine, "de", body)
    assert next(e.modality.value for e in events if e.type.value == "strike") == "asserted"


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "Israel will strike Iran if Tehran retaliates, officials said."),
        ("fr", "Israël frappera l'Iran si Téhéran attaque."),
        ("es", "Los controladores irán a la huelga si no se aprueba el convenio."),
        ("de", "Die Lokführer werden streiken, falls die Gespräche scheitern."),
    ],
)
def test_a_condition_after_the_trigger_makes_it_possible(
    engine: Engine, language: str, body: str
) -> None:
    (event,) = _events(engine, language, body)
    assert event.modality.value == "possible"


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "Nurses will strike on Monday, the union said."),
        ("fr", "Les cheminots seront en grève jeudi, a annoncé le syndicat."),
    ],
)
def test_a_plan_without_a_condition_stays_planned(engine: Engine, language: str, body: str) -> None:
    (event,) = _events(engine, language, body)
    assert event.modality.value == "planned"


def test_a_number_word_before_a_measure_is_not_a_count(engine: Engine) -> None:
    body = "Les infirmiers sont en grève depuis trois semaines à Tunis."
    (event,) = _events(engine, "fr", body)
    assert event.quantities == []


@pytest.mark.parametrize(
    ("language", "body", "day"),
    [
        ("de", "Am 12.03.2024 demonstrierten Tausende in Hamburg.", "2024-03-12"),
        ("es", "El 12/03/2024 miles de personas marcharon en Bogotá.", "2024-03-12"),
        ("en", "On 03/12/2024, thousands of people marched in Boston.", "2024-03-12"),
    ],
)
def test_a_numeric_date_reads_in_the_languages_order(
    engine: Engine, language: str, body: str, day: str
) -> None:
    (event,) = _events(engine, language, body)
    assert str(event.date) == day
    assert all(q.value != 12 for q in event.quantities)  # the day is no count


def test_an_undated_sentence_takes_the_one_date_of_the_sentence_before(engine: Engine) -> None:
    body = "On Sunday, thousands marched in Lima. Soldiers were deployed to the city centre."
    events = {e.type.value: e for e in _events(engine, "en", body)}
    assert str(events["deployment"].date) == "2024-03-10"


def test_an_undated_sentence_after_two_dates_stays_undated(engine: Engine) -> None:
    body = (
        "Thousands marched in Lima on Sunday and again on Tuesday. "
        "Soldiers were deployed to the city centre."
    )
    events = {e.type.value: e for e in _events(engine, "en", body)}
    assert events["deployment"].date is None


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("ar", "أصدرت السفارة تحذيرا أمنيا لرعاياها من هجوم جوي محتمل."),  # possible air attack
        ("en", "The State Department urged Americans to leave Haiti if they can do so safely."),
    ],
)
def test_a_warning_of_a_possible_danger_is_still_a_warning(
    engine: Engine, language: str, body: str
) -> None:
    advisories = [e for e in _events(engine, language, body) if e.type.value == "advisory"]
    assert [e.modality.value for e in advisories] == ["asserted"]


@pytest.mark.parametrize(
    ("language", "body", "kind"),
    [
        (
            "es",
            "Madrid desaconseja viajar a Haití, aunque no pide a los españoles salir.",
            "advisory",
        ),
        (
            "en",
            "Police reinforcements were sent to Nantes, though officials would not say how many.",
            "deployment",
        ),
        (
            "fr",
            "Des renforts ont été envoyés à Nantes, mais la préfecture n'a pas donné de chiffre.",
            "deployment",
        ),
    ],
)
def test_a_cue_after_a_contrast_belongs_to_the_next_clause(
    engine: Engine, language: str, body: str, kind: str
) -> None:
    found = [e.modality.value for e in _events(engine, language, body) if e.type.value == kind]
    assert found == ["asserted"]


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "The general strike in Lagos takes place next Tuesday, the unions said."),
        ("es", "La huelga general en Bogotá es el próximo martes."),
        ("ar", "ينظم الاتحاد إضرابا عاما في تونس يوم الثلاثاء المقبل."),
        ("de", "Verdi hat für Dienstag zu einem Warnstreik in Köln aufgerufen."),
    ],
)
def test_an_event_dated_after_publication_is_planned(
    engine: Engine, language: str, body: str
) -> None:
    (event,) = _events(engine, language, body)
    assert (event.modality.value, str(event.date)) == ("planned", "2024-03-19")


def test_a_plan_named_after_an_advisory_is_not_the_advisorys(engine: Engine) -> None:
    body = "The US embassy in Lima issued a security alert over marches planned for Thursday."
    advisories = [e for e in _events(engine, "en", body) if e.type.value == "advisory"]
    assert [e.modality.value for e in advisories] == ["asserted"]


@pytest.mark.parametrize(
    ("language", "body", "modalities"),
    [
        (
            "en",
            "Thousands rallied in Lyon on Monday, and unions are planning another rally "
            "on Saturday.",
            ["asserted", "planned"],
        ),
        (
            "fr",
            "Des milliers de personnes ont manifesté lundi à Lyon, et les syndicats appellent à "
            "une nouvelle manifestation samedi.",
            ["asserted", "planned"],
        ),
        (
            "en",
            "Norway has no plans to send troops to Estonia but may deploy fighter jets there.",
            ["negated", "possible"],
        ),
    ],
)
def test_one_sentence_can_tell_two_events_of_a_type_with_different_modalities(
    engine: Engine, language: str, body: str, modalities: list[str]
) -> None:
    found = [e.modality.value for e in _events(engine, language, body)]
    assert found == modalities


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "If Iran retaliates, Israel will strike its oil terminals."),
        ("fr", "Si les manifestations continuent, l'armée sera déployée à Dakar."),
    ],
)
def test_a_condition_opening_the_sentence_makes_its_event_possible(
    engine: Engine, language: str, body: str
) -> None:
    assert [e.modality.value for e in _events(engine, language, body)] == ["possible"]


def test_an_undated_sentence_after_a_plan_does_not_take_the_plans_date(engine: Engine) -> None:
    body = "Unions called a march for Friday. The army has deployed troops in Quito."
    deployment = next(e for e in _events(engine, "en", body) if e.type.value == "deployment")
    assert deployment.date is None


def test_the_month_may_is_no_hedge(engine: Engine) -> None:
    body = "Around 6 May 2020 (from 6-7 May), residents barricaded roads in Gao in protest."
    article = Article(id="m", body=body, language="en")
    assert [e.modality.value for e in engine.extract(article).events] == ["asserted"]


@pytest.mark.parametrize(
    ("language", "body", "day"),
    [
        (
            "en",
            "GAZA CITY, March 14 (Reuters) - Israeli air strikes hit Rafah on Tuesday.",
            "2024-03-12",
        ),
        ("fr", "Les syndicats appellent à une grève le mardi 26 mars.", "2024-03-26"),
        ("de", "Tausende demonstrierten am Dienstag, 12. März, in Leipzig.", "2024-03-12"),
    ],
)
def test_the_day_is_the_articles_own_not_the_datelines_nor_a_bare_weekday(
    engine: Engine, language: str, body: str, day: str
) -> None:
    (event,) = _events(engine, language, body)
    assert str(event.date) == day


@pytest.mark.parametrize(
    ("language", "body", "month"),
    [
        ("en", "In February, thousands of Kenyans protested in Nairobi.", "2024-02-01"),
        ("de", "Die Bundeswehr will im Juni weitere Soldaten nach Litauen verlegen.", "2024-06-01"),
        ("es", "Miles de personas marcharon en febrero en Lima.", "2024-02-01"),
    ],
)
def test_a_month_named_alone_dates_to_the_month(
    engine: Engine, language: str, body: str, month: str
) -> None:
    (event,) = _events(engine, language, body)
    assert (str(event.date), event.date_precision and event.date_precision.value) == (
        month,
        "month",
    )


def test_a_fact_after_a_denial_past_a_contrast_is_another_event(engine: Engine) -> None:
    body = (
        "Spain has not deployed Patriot batteries to Turkey, but it sent two destroyers "
        "to the eastern Mediterranean."
    )
    found = [e.modality.value for e in _events(engine, "en", body)]
    assert found == ["negated", "asserted"]


def test_a_late_condition_still_makes_a_threat_possible(engine: Engine) -> None:
    body = "Golpearemos con misiles sus puertos si continúan las agresiones, dijo el portavoz."
    assert [e.modality.value for e in _events(engine, "es", body)] == ["possible"]


@pytest.mark.parametrize(
    ("language", "body"),
    [
        (
            "fr",
            "Des drones ont frappé mardi le port de Port-Soudan. La veille, des drones avaient "
            "visé l'aéroport de Kassala.",
        ),
        (
            "en",
            "Drones hit the port of Port Sudan on Tuesday. The day before, drones had struck "
            "the airport in Kassala.",
        ),
    ],
)
def test_the_day_before_is_counted_from_the_date_told_before_it(
    engine: Engine, language: str, body: str
) -> None:
    assert sorted(str(e.date) for e in _events(engine, language, body)) == [
        "2024-03-11",
        "2024-03-12",
    ]


@pytest.mark.parametrize(
    ("body", "modality"),
    [
        ("Die Regierung hat die Soldaten nicht an die Grenze zu Polen verlegt.", "negated"),
        ("Die Proteste gegen die Regierung in Belgrad reißen nicht ab.", "asserted"),
    ],
)
def test_a_german_negation_inside_a_trigger_counts_but_not_reissen_nicht_ab(
    engine: Engine, body: str, modality: str
) -> None:
    assert [e.modality.value for e in _events(engine, "de", body)] == [modality]


def test_an_army_deploying_at_home_against_anothers_build_up_is_another_event(
    engine: Engine,
) -> None:
    body = (
        "China deployed 30 warplanes around Taiwan on Monday. "
        "Taiwan put its armed forces on high alert on Monday."
    )
    events = _events(engine, "en", body)
    initiators = [{a.country for a in e.actors if a.role == "initiator"} for e in events]
    assert initiators == [{"CN"}, {"TW"}]


def test_the_side_struck_telling_of_the_strike_is_the_same_strike(engine: Engine) -> None:
    body = (
        "Russian drones struck Odesa on Monday. "
        "Ukraine said on Monday its air defences shot down 20 drones over Odesa."
    )
    assert [e.type.value for e in _events(engine, "en", body)] == ["strike"]


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "It is the third general strike since the president took office in December 2022."),
        ("de", "Es ist bereits der dritte Generalstreik seit dem Amtsantritt im Dezember 2022."),
    ],
)
def test_an_event_dated_months_before_publication_is_background(
    engine: Engine, language: str, body: str
) -> None:
    assert _events(engine, language, body) == []


def test_an_old_date_of_the_sentence_before_is_not_the_events(engine: Engine) -> None:
    body = "The war broke out in April 2023. The paramilitaries denied shelling the camp."
    (event,) = _events(engine, "en", body)
    assert (event.type.value, event.modality.value, event.date) == ("strike", "negated", None)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "The army said on Tuesday that its jets bombed three villages on Sunday."),
        ("fr", "L'armée a affirmé mardi que ses avions avaient bombardé dimanche trois villages."),
    ],
)
def test_a_date_soon_after_the_trigger_dates_the_event_not_the_telling(
    engine: Engine, language: str, body: str
) -> None:
    (event,) = _events(engine, language, body)
    assert str(event.date) == "2024-03-10"


@pytest.mark.parametrize(
    ("language", "body", "modality"),
    [
        ("ar", 'ونفى الجيش "بشكل قاطع" أن تكون طائراته قد قصفت السوق.', "negated"),
        ("fr", "L'armée a démenti « catégoriquement » avoir bombardé le marché.", "negated"),
        ("fr", "Il a démenti. « Nos avions ont bombardé des positions », a-t-il dit.", "asserted"),
    ],
)
def test_quotes_around_a_few_words_do_not_end_the_clause(
    engine: Engine, language: str, body: str, modality: str
) -> None:
    (event,) = _events(engine, language, body)
    assert event.modality.value == modality


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "Police denied firing on protesters in Nairobi."),
        ("de", "Die Polizei bestritt, auf Demonstranten in Tiflis geschossen zu haben."),
    ],
)
def test_a_denial_near_the_protesters_does_not_deny_the_protest(
    engine: Engine, language: str, body: str
) -> None:
    assert [(e.type.value, e.modality.value) for e in _events(engine, language, body)] == [
        ("protest", "asserted")
    ]


@pytest.mark.parametrize(
    ("language", "body", "day"),
    [
        ("en", "Unions would stage a national strike on Monday if fuel prices rise.", "2024-03-18"),
        ("fr", "Les Etats-Unis pourraient mener des frappes, a averti jeudi le ministre.", None),
    ],
)
def test_a_threat_is_dated_by_a_date_in_its_own_clause(
    engine: Engine, language: str, body: str, day: str | None
) -> None:
    (event,) = _events(engine, language, body)
    assert event.modality.value == "possible"
    assert (str(event.date) if event.date else None) == day


def test_drones_launched_and_drones_downed_are_one_strike(engine: Engine) -> None:
    body = (
        "Rusia lanzó el lunes 90 drones contra Kiev. "
        "Las defensas antiaéreas derribaron 62 drones sobre Kiev el lunes."
    )
    (event,) = _events(engine, "es", body)
    assert sorted(q.value for q in event.quantities) == [62, 90]


def test_another_exact_size_is_another_deployment(engine: Engine) -> None:
    body = "France sent 500 soldiers to Estonia on Monday. Spain sent 300 soldiers to Estonia."
    assert [e.type.value for e in _events(engine, "en", body)] == ["deployment", "deployment"]


def test_an_old_date_after_since_starts_a_period_and_dates_no_event(engine: Engine) -> None:
    body = "Hezbollah said it had not fired any rockets at northern Israel since November."
    (event,) = _events(engine, "en", body)
    assert (event.modality.value, event.date) == ("negated", None)


def test_an_old_date_near_a_denial_is_not_the_denied_events(engine: Engine) -> None:
    body = (
        "La junte au pouvoir depuis le coup d'Etat de février 2021 "
        "a nié toute frappe contre des civils."
    )
    (event,) = _events(engine, "fr", body)
    assert (event.type.value, event.modality.value, event.date) == ("strike", "negated", None)
