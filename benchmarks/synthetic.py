"""Synthetic content for benchmarks, built with the real builder.

Writes TOML entity files like the real ones (same vocabulary, dates, citations) into a
temporary content folder beside the real paper.toml and claims.json, then runs
``ocstudy.content.build.builder.build``. Deterministic for a given seed.
"""

from __future__ import annotations

import random
import shutil
from datetime import date, timedelta
from pathlib import Path

from ocstudy import paths
from ocstudy.content.build.builder import build
from ocstudy.content.vocabulary import EVENT_KINDS, KINDS, THEMES

WORDS = (
    "convention", "protocol", "narcotic", "drugs", "crime", "trafficking", "persons", "migrants",
    "firearms", "corruption", "money", "laundering", "commission", "office", "programme",
    "strategy", "declaration", "cooperation", "council", "international", "united", "nations",
    "prevention", "justice", "control", "illicit", "substances", "psychotropic",
)  # fmt: skip


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _entity(rng: random.Random, number: int, events: int, statements: int) -> str:
    slug = f"synthetic-{number:06d}"
    words = " ".join(rng.choice(WORDS) for _ in range(6))
    kind = rng.choice(list(KINDS))
    themes = rng.sample(list(THEMES), rng.randint(1, 2))
    lines = [
        f"slug = {_toml_string(slug)}",
        f"kind = {_toml_string(kind)}",
        f"title = {_toml_string(f'Synthetic {words} {number}')}",
        f"short_name = {_toml_string(f'Syn {number}')}",
        f"abbreviations = [{_toml_string(f'S{number}')}]",
        f"names = [{_toml_string(f'The {words}')}]",
        f"themes = [{', '.join(_toml_string(t) for t in themes)}]",
        'section = "reports"',
        f"summary = {_toml_string(' '.join(rng.choice(WORDS) for _ in range(40)))}",
    ]
    start = date(1909, 1, 1)
    for index in range(events):
        day = start + timedelta(days=rng.randrange(0, 40_000))
        text = day.isoformat()
        if rng.random() < 0.1:
            text = f"{day.isoformat()}/{(day + timedelta(days=rng.randint(1, 20))).isoformat()}"
        elif rng.random() < 0.1:
            text = day.isoformat()[:7]
        lines += [
            "",
            "[[events]]",
            f"kind = {_toml_string(rng.choice(list(EVENT_KINDS)))}",
            f"key = {_toml_string(f'e{index}')}",
            f"date = {_toml_string(text)}",
            'section = "reports"',
        ]
    for index in range(statements):
        lines += [
            "",
            "[[statements]]",
            f"attribute = {_toml_string(f's{index}')}",
            'label = "Statement"',
            f"text = {_toml_string(' '.join(rng.choice(WORDS) for _ in range(12)))}",
            'section = "reports"',
        ]
    return "\n".join(lines) + "\n"


def build_synthetic(
    target: Path,
    entities: int,
    events_per_entity: int,
    statements_per_entity: int = 0,
    seed: int = 7,
) -> Path:
    """Build a content database of ``entities`` synthetic entities at ``target``."""
    work = target.parent / f"{target.stem}-sources"
    shutil.rmtree(work, ignore_errors=True)
    (work / "content" / "entities").mkdir(parents=True)
    (work / "reference").mkdir()
    shutil.copy(paths.content_sources_dir() / "paper.toml", work / "content" / "paper.toml")
    shutil.copy(paths.resources_dir() / "reference" / "claims.json", work / "reference")
    (work / "content" / "inconsistencies.toml").write_text("", encoding="utf-8")
    rng = random.Random(seed)
    for number in range(entities):
        text = _entity(rng, number, events_per_entity, statements_per_entity)
        (work / "content" / "entities" / f"synthetic-{number:06d}.toml").write_text(text)
    build(work / "content", work / "reference" / "claims.json", target)
    shutil.rmtree(work, ignore_errors=True)
    return target
