"""``make bench-engine``: the engine's speed on one core and its memory, against a baseline.

Articles of 2-3 KB are built deterministically from the paragraphs of the demo articles,
the own dev sets and the shared seed article, same language per article, and sent as
wire JSON without a language (so detection is measured too). Each timed round runs the
same articles through the engine path (decode + extract + encode every event) and through
a passthrough baseline (decode + encode one trivial event). Exit 0 whatever the result
(the machine is shared and noisy) unless ``--strict``; 2 when there is no article source.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import resource
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import enrich.engine
from enrich import Engine
from enrich.language import LanguageDetector
from schemas import Article, Event, EventType, Modality, Span
from schemas.codec import decode, dumps_json, encode, parse_json
from schemas.errors import TocsinError

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "demo" / "articles.jsonl", *sorted((ROOT / "tests" / "devsets").glob("*.jsonl")))
SEED = Path("examples") / "seed-article.fr.jsonl"
MIN_BYTES, MAX_BYTES = 2000, 3000
TARGET_RATE, TARGET_RSS_MB = 500.0, 400.0
EXIT_OK, EXIT_FAIL, EXIT_INPUT = 0, 1, 2
IO_EVENTS = frozenset({"open", "os.listdir", "os.scandir", "socket.connect", "subprocess.Popen"})


class BenchInputError(TocsinError):
    """No article source to build the corpus from."""


# --- Corpus -------------------------------------------------------------------------------


def paragraphs(path: Path, detector: LanguageDetector) -> Iterator[tuple[str, str]]:
    """(language, paragraph) of every article line of a JSON Lines file; bad lines skipped."""
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            document = parse_json(line) if line.strip() else None
        except TocsinError:
            continue
        if not isinstance(document, dict):
            continue
        body = document.get("body")
        if isinstance(body, str) and body.strip():
            language = document.get("language") or document.get("lang") or detector.detect(body)
            yield from ((str(language), p.strip()) for p in body.split("\n") if p.strip())


def build_corpus(pools: dict[str, list[str]], count: int, seed: int = 0) -> list[bytes]:
    """``count`` distinct wire articles of 2-3 KB, each from one language's paragraphs.

    Deterministic: the languages take turns, and each article is a seeded shuffle of its
    language's pool, filled paragraph by paragraph (skipping any that would pass 3 KB).
    """
    rng, seen, articles = random.Random(seed), set(), list[bytes]()
    languages = sorted(lang for lang, pool in pools.items() if pool)
    for attempt in range(count * 20):
        if len(articles) == count or not languages:
            break
        pool = list(pools[languages[attempt % len(languages)]])
        rng.shuffle(pool)
        body = _fill(pool)
        if len(body.encode()) >= MIN_BYTES and body not in seen:
            seen.add(body)
            article = {"id": f"bench-{len(articles)}", "body": body}
            articles.append(dumps_json(article | {"published_at": "2024-03-12T08:00:00Z"}))
    return articles


def _fill(pool: Sequence[str]) -> str:
    chosen: list[str] = []
    size = 0
    for paragraph in pool:
        extra = len(paragraph.encode()) + 2
        if size + extra <= MAX_BYTES:
            chosen.append(paragraph)
            size += extra
        if size >= MIN_BYTES:
            break
    return "\n\n".join(chosen)


def load_pools(shared: Path, languages: set[str] | None) -> dict[str, list[str]]:
    """Paragraphs per language from every source that exists (``None`` keeps all languages)."""
    detector, pools = LanguageDetector(), defaultdict(list)
    found = [path for path in (*SOURCES, shared / SEED) if path.is_file()]
    if not found:
        raise BenchInputError("no article source found (demo/, tests/devsets/, --shared)")
    for path in found:
        for language, paragraph in paragraphs(path, detector):
            if languages is None or language in languages:
                pools[language].append(paragraph)
    return {language: sorted(set(pool)) for language, pool in pools.items()}


# --- Measuring ----------------------------------------------------------------------------


def memory_mb() -> tuple[float, float]:
    """(resident, peak resident) memory of this process in MB."""
    fields: dict[str, float] = {}
    status = Path("/proc/self/status")
    for line in status.read_text().splitlines() if status.is_file() else []:
        name, _, value = line.partition(":")
        if name in {"VmRSS", "VmHWM"}:
            fields[name] = float(value.split()[0]) / 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return fields.get("VmRSS", peak), fields.get("VmHWM", peak)


def reset_peak() -> bool:
    """Reset the kernel's peak-RSS mark (VmHWM) so later peaks are the run's; False if denied."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


@dataclass
class IoWatch:
    """Counts file and process I/O audit events per phase (an audit hook cannot be removed)."""

    phase: str = "start"
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    first: dict[str, str] = field(default_factory=dict)

    def hook(self, event: str, args: tuple[object, ...]) -> None:
        """``sys.addaudithook`` callback."""
        if event in IO_EVENTS and self.phase:
            self.counts[self.phase] += 1
            self.first.setdefault(self.phase, f"{event} {str(args[0])[-60:] if args else ''}")

    def report(self) -> str:
        """I/O events per phase, with the first of each."""
        phases = [f"{p} {n} (first: {self.first[p]})" for p, n in self.counts.items()]
        return "; ".join(phases) or "none"


def engine_path(engine: Engine) -> Callable[[bytes], int]:
    """Decode, extract and encode every event of one wire article; returns the bytes out."""

    def run(raw: bytes) -> int:
        extraction = engine.extract(decode(raw, Article))
        return sum(len(encode(event)) for event in extraction.events)

    return run


def baseline_path() -> Callable[[bytes], int]:
    """Decode one wire article and encode one trivial event: the floor of any worker."""
    span = Span(text="x", start=0, end=1)
    trivial = Event(
        event_id="0", article_id="0", type=EventType.STRIKE, modality=Modality.ASSERTED,
        evidence=[span], language="en", confidence=0.5,
    )  # fmt: skip

    def run(raw: bytes) -> int:
        article = decode(raw, Article)
        return len(encode(trivial.model_copy(update={"article_id": article.id})))

    return run


@dataclass
class Rates:
    """Articles per wall-clock second and per CPU second of each timed round."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def line(self, name: str) -> str:
        """One report line: median, min and max."""
        wall, cpu = statistics.median(self.wall), statistics.median(self.cpu)
        spread = f"min {min(self.wall):.0f}, max {max(self.wall):.0f}"
        return f"  {name:<9} {wall:8.1f} articles/s wall ({spread}); {cpu:8.1f} per CPU-second"


def timed(run: Callable[[bytes], int], corpus: Sequence[bytes], n: int, rates: Rates) -> None:
    """Run ``n`` articles (the corpus cycled) once, appending the rates to ``rates``."""
    articles = [corpus[k % len(corpus)] for k in range(n)]
    wall, cpu = time.perf_counter(), time.process_time()
    for raw in articles:
        run(raw)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    rates.wall.append(n / wall)
    rates.cpu.append(n / cpu if cpu else float("inf"))


# --- Command ------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m cli.bench_engine", description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--articles", type=int, default=240, help="distinct corpus articles")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds")
    parser.add_argument("--seconds", type=float, default=30.0, help="engine time budget")
    parser.add_argument("--all-languages", action="store_true", help="keep unsupported ones")
    parser.add_argument("--no-pin", action="store_true", help="do not pin to one CPU")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    return parser


def _pin(enabled: bool) -> str:
    before = sorted(os.sched_getaffinity(0))
    if enabled:
        os.sched_setaffinity(0, {before[0]})
    return f"CPU affinity {before} -> {sorted(os.sched_getaffinity(0))}; single process"


def _load(watch: IoWatch) -> tuple[Engine, float, tuple[float, float]]:
    watch.phase = "load"
    start = time.perf_counter()
    engine = Engine.load()
    return engine, time.perf_counter() - start, memory_mb()


def _corpus(args: argparse.Namespace, engine: Engine) -> list[bytes]:
    languages = None if args.all_languages else set(engine.supported)
    pools = load_pools(args.shared, languages)
    corpus = build_corpus(pools, args.articles)
    sizes = sorted(len(raw) for raw in corpus)
    mix = ", ".join(f"{lang}: {len(pool)} paragraphs" for lang, pool in sorted(pools.items()))
    print(f"corpus: {len(corpus)} distinct articles ({mix})")
    if corpus:
        print(f"  wire size {sizes[0]}-{sizes[-1]} bytes, median {statistics.median(sizes):.0f}")
    return corpus


def _verdict(rate: float, rss: float, peak: float) -> bool:
    speed_ok, memory_ok = rate >= TARGET_RATE, max(rss, peak) < TARGET_RSS_MB
    print(
        f"targets: throughput {rate:.1f}/{TARGET_RATE:.0f} = {rate / TARGET_RATE:.2f}x "
        f"{'PASS' if speed_ok else 'FAIL'}; RSS {max(rss, peak):.0f} MB < {TARGET_RSS_MB:.0f} MB "
        f"{'PASS' if memory_ok else 'FAIL'}"
    )
    return speed_ok and memory_ok


def _build() -> str:
    """Whether the engine's modules run compiled (``make compile``) or as pure Python."""
    compiled = Path(enrich.engine.__file__ or "").suffix == ".so"
    return "compiled with mypyc (make compile)" if compiled else "pure Python (not compiled)"


def main(argv: Sequence[str] | None = None) -> int:
    """Build the corpus, time the engine and the baseline, and print the report."""
    args = _parser().parse_args(argv)
    watch = IoWatch()
    sys.addaudithook(watch.hook)
    print(_pin(not args.no_pin))
    try:
        engine, load_s, (rss_loaded, peak_loaded) = _load(watch)
    except TocsinError as exc:
        print(f"bench-engine: the engine does not load: {exc}", file=sys.stderr)
        return EXIT_FAIL
    print(f"engine code: {_build()}")
    print(f"start-up: Engine.load {load_s:.2f} s; RSS after load {rss_loaded:.0f} MB", end="")
    print(f" (peak so far {peak_loaded:.0f} MB)")
    try:
        corpus = _corpus(args, engine)
    except BenchInputError as exc:
        print(f"bench-engine: {exc}", file=sys.stderr)
        return EXIT_INPUT
    if not corpus:
        print("bench-engine: no 2-3 KB article could be built", file=sys.stderr)
        return EXIT_INPUT
    gc.collect()  # the corpus's own language detector is gone: do not count its peak
    peak_note = "peak during run" if reset_peak() else "peak since start"
    ours, base, warm = engine_path(engine), baseline_path(), Rates()
    watch.phase = "warm-up"
    timed(ours, corpus, len(corpus), warm)
    n = max(len(corpus), round(warm.wall[0] * args.seconds / max(args.rounds, 1)))
    engine_rates, base_rates = Rates(), Rates()
    watch.phase = "timed"
    for _ in range(args.rounds):
        timed(ours, corpus, n, engine_rates)
        timed(base, corpus, n, base_rates)
    watch.phase = ""  # stop counting: reading /proc/self/status is the report's own I/O
    rss, peak = memory_mb()
    print(f"throughput: warm-up {warm.wall[0]:.1f} articles/s; {args.rounds} rounds of {n}")
    print(engine_rates.line("engine"))
    print(base_rates.line("baseline"))
    ratio = statistics.median(engine_rates.wall) / statistics.median(base_rates.wall)
    print(f"  engine/baseline: {ratio:.3f} (the engine runs at {ratio:.1%} of the floor)")
    print(f"memory: RSS after run {rss:.0f} MB; {peak_note} {peak:.0f} MB")
    print(f"I/O audit events (open/listdir/scandir/socket/subprocess): {watch.report()}")
    print(f"  hot path (timed rounds): {watch.counts.get('timed', 0)} I/O events")
    passed = _verdict(statistics.median(engine_rates.wall), rss, peak)
    return EXIT_FAIL if args.strict and not passed else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
