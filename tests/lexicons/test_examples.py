"""Every language folder's golden cases (examples.yaml) pass. Folders are discovered."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from enrich import Engine
from enrich.lexicon import LANG_DIR, Example, ExampleEvent, ExamplesFile, read_model
from schemas import Article, Event

pytestmark = pytest.mark.lexicons

FOLDERS = sorted(p for p in LANG_DIR.iterdir() if (p / "language.yaml").is_file())
CASES = [
    pytest.param(folder.name, index, example, id=f"{folder.name}-{index}")
    for folder in FOLDERS
    for index, example in enumerate(read_model(folder / "examples.yaml", ExamplesFile).examples)
]


def test_every_language_folder_has_examples() -> None:
    assert {f.name for f in FOLDERS} >= {"en", "fr"}
    for folder in FOLDERS:
        assert (folder / "examples.yaml").is_file(), f"{folder} has no examples.yaml"


@pytest.mark.parametrize(("language", "index", "example"), CASES)
def test_golden_case(engine: Engine, language: str, index: int, example: Example) -> None:
    article = Article(
        id=f"{language}-{index}",
        body=example.text,
        language=language,
        published_at=dt.datetime.fromisoformat(example.published_at)
        if example.published_at
        else None,
    )
    events = list(engine.extract(article).events)
    found = Counter((e.type.value, e.modality.value) for e in events)
    wanted = Counter((e.type.value, e.modality) for e in example.events)
    assert found == wanted, f"{example.text!r}: found {dict(found)}, expected {dict(wanted)}"
    for expected in example.events:
        assert any(_matches(event, expected) for event in events), (
            f"no event matches {expected} in {[e.model_dump(mode='json') for e in events]}"
        )


def _matches(event: Event, expected: ExampleEvent) -> bool:
    if (event.type.value, event.modality.value) != (expected.type.value, expected.modality):
        return False
    day = event.date.isoformat() if event.date else None
    if "date" in expected.model_fields_set and day != expected.date:
        return False
    if expected.countries is not None and set(event.countries) != set(expected.countries):
        return False
    return expected.quantity is None or any(q.value == expected.quantity for q in event.quantities)


def test_examples_cover_every_type_per_language() -> None:
    for folder in FOLDERS:
        examples = read_model(folder / "examples.yaml", ExamplesFile).examples
        types = {e.type.value for ex in examples for e in ex.events}
        assert types == {"strike", "protest", "deployment", "advisory"}, folder.name
        assert any(not ex.events for ex in examples), f"{folder.name}: add a hard negative"


def test_lang_dir_is_package_data() -> None:
    assert Path(LANG_DIR).is_dir()
