"""The extraction engine: one Article in, its Events out. Pure, synchronous, deterministic."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from enrich.article import ArticleText
from enrich.calibration import Calibration
from enrich.events import build_events
from enrich.gazetteer import Cities
from enrich.language import LanguageDetector
from enrich.languages import Language
from enrich.lexicon import DATA_DIR, LANG_DIR, SharedActorsFile, language_folders, read_model
from enrich.mentions import find_mentions
from enrich.text import normalise, split_sentences
from schemas import Article, ConfigError, Event


@dataclass(frozen=True)
class Extraction:
    """What the engine found in one article."""

    events: tuple[Event, ...]
    language: str | None
    status: Literal["ok", "unsupported_language"]


class Engine:
    """Compiled lexicons for every language folder. ``extract`` does no I/O."""

    def __init__(
        self,
        languages: dict[str, Language],
        detector: LanguageDetector,
        calibration: Calibration | None = None,
    ) -> None:
        if not languages:
            raise ConfigError("no language folder found; each needs a language.yaml")
        self.languages = languages
        self._detector = detector
        self._calibration = calibration or Calibration()

    @classmethod
    def load(cls, lang_dir: Path | None = None, *, calibrated: bool = True) -> Engine:
        """Load and compile every language folder; raises ``ConfigError`` on a bad file.

        ``calibrated=False`` reports raw evidence scores (what ``make calibrate`` fits)."""
        shared = read_model(DATA_DIR / "actors.yaml", SharedActorsFile)
        cities = Cities()
        languages = {
            folder.name: Language.load(folder, shared, cities)
            for folder in language_folders(lang_dir or LANG_DIR)
        }
        calibration = Calibration.load() if calibrated else None
        return cls(languages, LanguageDetector(languages), calibration)

    @property
    def supported(self) -> list[str]:
        """The ISO 639-1 codes of the loaded languages."""
        return sorted(self.languages)

    def extract(self, article: Article) -> Extraction:
        """Find the events in one article."""
        text = normalise(article.body)
        code = article.language or self._detector.detect(text)
        language = self.languages.get(code)
        if language is None:
            return Extraction(events=(), language=code, status="unsupported_language")
        published = article.published_at.date() if article.published_at else None
        analysed = ArticleText.analyse(text, split_sentences(text), language, published)
        mentions = find_mentions(analysed, language)
        events = build_events(article, analysed, mentions, code, self._calibration)
        return Extraction(events=tuple(events), language=code, status="ok")
