"""Wire models: exported JSON Schemas are current, Article validation, frozen outputs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pydantic import ValidationError

from schemas import Alert, Article, DeadLetter, Event
from schemas.export import JSON_DIR, rendered_schemas

pytestmark = pytest.mark.unit


def _article(**fields: Any) -> dict[str, Any]:
    return {"id": "a-1", "body": "Des frappes aériennes ont eu lieu.", **fields}


def test_exported_schemas_are_not_stale() -> None:
    rendered = rendered_schemas()
    on_disk = {path.name: path.read_text(encoding="utf-8") for path in JSON_DIR.glob("*.json")}
    assert set(rendered) == set(on_disk), "schemas/json/ has extra or missing files"
    stale = [name for name, text in rendered.items() if on_disk[name] != text]
    assert not stale, f"stale JSON Schema files {stale}: run `make schemas`"


def test_minimal_article_is_valid() -> None:
    article = Article.model_validate(_article())
    assert article.language is None
    assert article.published_at is None


@pytest.mark.parametrize("length, ok", [(1, True), (256, True), (257, False), (0, False)])
def test_article_id_length(length: int, ok: bool) -> None:
    document = _article(id="x" * length)
    if ok:
        assert Article.model_validate(document).id == "x" * length
    else:
        with pytest.raises(ValidationError):
            Article.model_validate(document)


@pytest.mark.parametrize("body", [None, ""])
def test_article_body_is_required(body: str | None) -> None:
    document = _article()
    if body is None:
        del document["body"]
    else:
        document["body"] = body
    with pytest.raises(ValidationError):
        Article.model_validate(document)


def test_unknown_article_fields_are_ignored() -> None:
    article = Article.model_validate(_article(section="world", tags=["x"]))
    assert not hasattr(article, "section")
    assert "section" not in article.model_dump()


@pytest.mark.parametrize(
    "language, ok", [("fr", True), ("en", True), ("FR", False), ("fra", False), ("f", False)]
)
def test_article_language_pattern(language: str, ok: bool) -> None:
    if ok:
        assert Article.model_validate(_article(language=language)).language == language
    else:
        with pytest.raises(ValidationError):
            Article.model_validate(_article(language=language))


@pytest.mark.parametrize(
    "published_at, ok",
    [
        ("2020-01-02T21:30:00Z", True),
        ("2020-01-02T22:30:00+01:00", True),
        ("2020-01-02T21:30:00", False),  # no offset
        ("2 janvier 2020", False),
        ("yesterday", False),
    ],
)
def test_article_published_at_is_rfc3339_with_offset(published_at: str, ok: bool) -> None:
    if ok:
        article = Article.model_validate(_article(published_at=published_at))
        assert article.published_at is not None
        assert article.published_at.utcoffset() is not None
    else:
        with pytest.raises(ValidationError):
            Article.model_validate(_article(published_at=published_at))


@pytest.mark.parametrize("factory", ["make_event", "make_alert", "make_dead_letter"])
def test_outgoing_models_are_frozen_versioned_and_closed(
    factory: str, request: pytest.FixtureRequest
) -> None:
    make: Callable[..., Event | Alert | DeadLetter] = request.getfixturevalue(factory)
    model = make()
    assert model.schema_version == "1.0"
    with pytest.raises(ValidationError):
        model.schema_version = "2.0"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        type(model).model_validate({**model.model_dump(), "surprise": 1})


def test_event_needs_evidence(make_event: Callable[..., Event]) -> None:
    with pytest.raises(ValidationError):
        make_event(evidence=[])
