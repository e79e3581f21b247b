"""The engine's parts on their own: dates, counts, text folding, languages, bad files."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from enrich import Engine
from enrich.dates import DateFinder
from enrich.lexicon import LANG_DIR, DatesFile, LanguageFile, QuantitiesFile, read_model
from enrich.quantities import QuantityFinder
from enrich.text import normalise, split_sentences
from schemas import Article, ConfigError, DatePrecision

pytestmark = pytest.mark.unit

THURSDAY = dt.date(2020, 1, 2)


def _dates(language: str) -> DateFinder:
    folder = LANG_DIR / language
    meta = read_model(folder / "language.yaml", LanguageFile)
    return DateFinder(read_model(folder / "dates.yaml", DatesFile), meta, language)


def _quantities(language: str) -> QuantityFinder:
    folder = LANG_DIR / language
    meta = read_model(folder / "language.yaml", LanguageFile)
    return QuantityFinder(read_model(folder / "quantities.yaml", QuantitiesFile), meta, language)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("dimanche", dt.date(2019, 12, 29)),
        ("jeudi", THURSDAY),
        ("mardi", dt.date(2019, 12, 31)),
        ("hier", dt.date(2020, 1, 1)),
        ("le 30 décembre", dt.date(2019, 12, 30)),
        ("le 3 mars 2018", dt.date(2018, 3, 3)),
    ],
)
def test_french_dates_resolve_against_publication(text: str, day: dt.date) -> None:
    found = _dates("fr").find(text, THURSDAY)
    assert [m.date for m in found] == [day]


def test_week_and_month_precision() -> None:
    week = _dates("fr").find("la semaine dernière", THURSDAY)[0]
    assert (week.date, week.precision) == (dt.date(2019, 12, 23), DatePrecision.WEEK)
    month = _dates("en").find("last month", THURSDAY)[0]
    assert (month.date, month.precision) == (dt.date(2019, 12, 1), DatePrecision.MONTH)


def test_without_publication_only_absolute_dates_resolve() -> None:
    found = _dates("en").find("On Sunday, and on March 3, 2018, and yesterday", None)
    assert [m.date for m in found] == [dt.date(2018, 3, 3)]


@pytest.mark.parametrize(
    ("language", "text", "value", "unit", "approx"),
    [
        ("fr", "Quelque 3.000 soldats", 3000, "troops", True),
        ("fr", "3 000 manifestants", 3000, "protesters", False),
        ("fr", "des centaines de manifestants", 100, "protesters", True),
        ("en", "3,000 troops", 3000, "troops", False),
        ("en", "killing 12 people", 12, "killed", False),
        ("en", "thousands of demonstrators", 1000, "protesters", True),
    ],
)
def test_counts_in_local_formats(
    language: str, text: str, value: int, unit: str, approx: bool
) -> None:
    found = _quantities(language).find(text)
    assert [(q.value, q.unit and q.unit.value, q.approx) for q in found] == [(value, unit, approx)]


def test_normalise_keeps_offsets_and_folds_digits() -> None:
    body = "نشر ٣٬٠٠٠ جندي’s"
    folded = normalise(body)
    assert len(folded) == len(body)
    assert "3,000" in folded


def test_sentences_are_offsets_into_the_text() -> None:
    text = "Des frappes ont eu lieu. « Il y a des indications », a-t-il dit. Fin."
    spans = split_sentences(text)
    assert next(text[s.start : s.end] for s in spans) == "Des frappes ont eu lieu."
    assert len(spans) == 3


def test_unsupported_language_yields_nothing(engine: Engine) -> None:
    article = Article(
        id="it-1",
        body="Migliaia di manifestanti sono scesi in piazza a Roma contro il governo, "
        "chiedendo le dimissioni del ministro dopo settimane di proteste.",
    )
    result = engine.extract(article)
    assert result.status == "unsupported_language"
    assert result.language == "it"
    assert result.events == ()


def test_detected_language_is_used(engine: Engine) -> None:
    article = Article(id="a", body="Des milliers de manifestants ont défilé à Lyon contre la loi.")
    result = engine.extract(article)
    assert result.language == "fr"
    assert [e.type.value for e in result.events] == ["protest"]


def _copy_langs(tmp_path: Path) -> Path:
    target = tmp_path / "lang"
    shutil.copytree(LANG_DIR, target)
    return target


def test_bad_lexicon_stops_start_up_with_the_file_named(tmp_path: Path) -> None:
    lang = _copy_langs(tmp_path)
    (lang / "fr" / "triggers.yaml").write_text("strike:\n  triggers: ['frappes(']\n")
    with pytest.raises(ConfigError, match=r"fr/triggers.yaml"):
        Engine.load(lang)


def test_unknown_key_in_lexicon_is_reported(tmp_path: Path) -> None:
    lang = _copy_langs(tmp_path)
    path = lang / "en" / "modality.yaml"
    path.write_text(path.read_text() + "\nmaybe: [perhaps]\n")
    with pytest.raises(ConfigError, match=r"en/modality.yaml: maybe: Extra inputs"):
        Engine.load(lang)


def test_folder_without_language_file_is_not_a_language(tmp_path: Path) -> None:
    lang = _copy_langs(tmp_path)
    (lang / "notes").mkdir()
    assert "notes" not in Engine.load(lang).supported


@pytest.mark.parametrize(
    ("body", "cameo", "plover"),
    [
        ("Des avions ont mené des frappes aériennes sur Idleb dimanche.", "195", "ASSAULT"),
        ("L'artillerie a pilonné les faubourgs de la ville dimanche.", "194", "ASSAULT"),
        ("Les cheminots sont en grève depuis lundi.", "143", "PROTEST"),
        ("Des émeutes ont éclaté dans la banlieue de Lyon.", "145", "PROTEST"),
        ("Washington pourrait mener des frappes contre les milices.", "138", "THREATEN"),
    ],
)
def test_cameo_and_plover_codes(engine: Engine, body: str, cameo: str, plover: str) -> None:
    events = engine.extract(Article(id="c", body=body, language="fr")).events
    assert [(e.codes.cameo, e.codes.plover) for e in events] == [(cameo, plover)]


def test_evidence_offsets_hold_for_every_dev_article(engine: Engine) -> None:
    """body[start:end] == text for every evidence span of every own dev-set article."""
    folder = Path(__file__).resolve().parents[1] / "devsets"
    lines = [
        line for path in sorted(folder.glob("*.jsonl")) for line in path.read_text().splitlines()
    ]
    assert len(lines) >= 200
    for line in lines:
        article = Article.model_validate_json(line)
        for event in engine.extract(article).events:
            for span in event.evidence:
                assert article.body[span.start : span.end] == span.text


@pytest.mark.parametrize(
    ("language", "body", "countries"),
    [
        ("en", "US warplanes carried out airstrikes in Iraq and Syria on Sunday.", ["IQ", "SY"]),
        ("ar", "شنت طائرات أمريكية غارات جوية في العراق وسوريا يوم الأحد.", ["IQ", "SY"]),
        ("es", "Estados Unidos recomienda no viajar a Israel, Líbano ni Irán.", ["IL", "LB", "IR"]),
    ],
)
def test_places_listed_after_a_locative_are_places(
    engine: Engine, language: str, body: str, countries: list[str]
) -> None:
    events = engine.extract(Article(id="l", body=body, language=language)).events
    assert [e.countries for e in events] == [countries]


def test_a_future_verb_inside_the_trigger_makes_it_planned(engine: Engine) -> None:
    body = "Spain will send 500 troops to Latvia."
    events = engine.extract(Article(id="p", body=body, language="en")).events
    assert [(e.type.value, e.modality.value) for e in events] == [("deployment", "planned")]


def test_hundreds_of_thousands_is_not_hundreds() -> None:
    found = _quantities("fr").find("des centaines de milliers de manifestants")
    assert [(q.value, q.approx) for q in found] == [(100_000, True)]


def test_an_advisory_places_the_country_it_names_after_itself(engine: Engine) -> None:
    body = "The U.S. State Department reissued its Do Not Travel advisory for Haiti."
    (event,) = engine.extract(Article(id="h", body=body, language="en")).events
    assert (event.type.value, event.countries, event.advisory_level) == (
        "advisory",
        ["HT"],
        "do not travel",
    )
    assert [(a.name, a.role) for a in event.actors] == [("United States", "initiator")]


@pytest.mark.parametrize(
    ("language", "body", "countries"),
    [
        ("fr", "Des frappes aériennes ont visé la province afghane de Paktika.", ["AF"]),
        ("ar", "قصفت طائرات حربية مدينة السويداء السورية يوم الأحد.", ["SY"]),
    ],
)
def test_a_country_adjective_beside_a_place_noun_is_a_place(
    engine: Engine, language: str, body: str, countries: list[str]
) -> None:
    events = engine.extract(Article(id="adj", body=body, language=language)).events
    assert [e.countries for e in events] == [countries]


def test_bad_contrast_pattern_stops_start_up(tmp_path: Path) -> None:
    lang = _copy_langs(tmp_path)
    path = lang / "de" / "modality.yaml"
    path.write_text(path.read_text() + "  - 'aber('\n")
    with pytest.raises(ConfigError, match=r"de/modality.yaml contrasts: bad pattern"):
        Engine.load(lang)
