"""The wire codec: orjson bytes <-> pydantic models. The only module that imports orjson."""

from __future__ import annotations

from typing import Any, TypeVar

import orjson
from pydantic import BaseModel, ValidationError

from schemas.errors import DecodeError, SchemaViolation

M = TypeVar("M", bound=BaseModel)


def encode(model: BaseModel) -> bytes:
    """Serialise a model to compact JSON bytes."""
    return orjson.dumps(model.model_dump(mode="json", exclude_none=False))


def parse_json(data: bytes | str) -> Any:
    """Parse JSON text, raising ``DecodeError`` with orjson's reason."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise DecodeError(f"not JSON: {exc}") from exc


def validate(document: Any, model: type[M]) -> M:
    """Validate a parsed JSON document, raising ``SchemaViolation`` with a readable reason."""
    try:
        return model.model_validate(document)
    except ValidationError as exc:
        raise SchemaViolation(_describe(exc, model)) from exc


def decode(data: bytes | str, model: type[M]) -> M:
    """Parse and validate bytes as ``model``."""
    return validate(parse_json(data), model)


def dumps_json(document: Any) -> bytes:
    """Serialise a plain JSON document (used by tools that print dicts)."""
    return orjson.dumps(document)


def _describe(exc: ValidationError, model: type[BaseModel]) -> str:
    problems = []
    for error in exc.errors(include_url=False):
        where = ".".join(str(part) for part in error["loc"]) or "(document)"
        problems.append(f"{where}: {error['msg']}")
    return f"invalid {model.__name__}: " + "; ".join(problems)
