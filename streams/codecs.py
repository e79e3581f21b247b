"""Faust codecs over ``schemas.codec``, and a topic that dead-letters what it cannot decode.

Each wire model gets a named codec (``tocsin.event``, ``tocsin.alert``, ``tocsin.deadletter``,
``tocsin.article``), so agents send and receive pydantic models, never dicts.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from faust.serializers import codecs
from faust.topics import Topic
from faust.types import Message
from pydantic import BaseModel

from schemas import Alert, Article, DeadLetter, Event
from schemas.codec import decode, encode
from schemas.errors import SchemaViolation

CODEC_MODELS: Mapping[str, type[BaseModel]] = {
    "tocsin.article": Article,
    "tocsin.event": Event,
    "tocsin.alert": Alert,
    "tocsin.deadletter": DeadLetter,
}


class ModelCodec(codecs.Codec):
    """JSON bytes <-> one pydantic model, through ``schemas.codec``."""

    def __init__(self, model: type[BaseModel], children: tuple[Any, ...] | None = None) -> None:
        super().__init__(children=children, model=model)
        self.model = model

    def clone(self, *children: Any) -> ModelCodec:
        """A copy with more codecs chained after this one."""
        return ModelCodec(self.model, children=self.children + children)

    def _loads(self, s: bytes) -> Any:
        return decode(s, self.model)

    def _dumps(self, s: Any) -> bytes:
        if not isinstance(s, self.model):
            raise SchemaViolation(f"expected {self.model.__name__}, got {type(s).__name__}")
        return encode(s)


def register_codecs() -> None:
    """Register one codec per wire model in faust's codec registry (idempotent)."""
    for name, model in CODEC_MODELS.items():
        codecs.register(name, ModelCodec(model))


UndecodableHandler = Callable[[BaseException, Message], Awaitable[None]]


@dataclass
class DecodeGuard:
    """Where a :class:`GuardedTopic` sends messages it cannot decode; shared by its clones."""

    handler: UndecodableHandler | None = None


class GuardedTopic(Topic):
    """A topic whose undecodable messages go to a handler (the dead-letter topic).

    Faust's default throws the decode error into the stream, which crashes the agent
    (the supervisor restarts it) after the message was already acked, leaving only a log.
    """

    def __init__(self, *args: Any, guard: DecodeGuard | None = None, **kwargs: Any) -> None:
        self.guard = guard if guard is not None else DecodeGuard()
        super().__init__(*args, **kwargs)

    def _clone_args(self) -> Mapping[Any, Any]:
        return {**super()._clone_args(), "guard": self.guard}

    async def on_key_decode_error(self, exc: Exception, message: Message) -> None:
        """Dead-letter a message whose key cannot be decoded."""
        await self._undecodable(exc, message)

    async def on_value_decode_error(self, exc: Exception, message: Message) -> None:
        """Dead-letter a message whose value cannot be decoded."""
        await self._undecodable(exc, message)

    async def _undecodable(self, exc: Exception, message: Message) -> None:
        if self.guard.handler is None:
            await self.on_decode_error(exc, message)
            await self.throw(exc)
            return
        await self.guard.handler(exc, message)
