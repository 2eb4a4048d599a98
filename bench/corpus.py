"""Benchmark corpus: N synthetic news articles about the dispute, deterministic for a seed.

Each article is 300-600 words of paragraphs drawn from sentence templates (strikes,
oppositions, proposals, responses, who represents whom, plus neutral context) filled with the
actors, school boards, regions and policy names of the knowledge base in
``graph/data/kb/``, so the extractor meets the same names and phrasings it meets in real
news. The folder gets a ``metadata.csv`` (``file,date,source``) like the seeds'.

Article ``i`` depends only on ``(seed, i)``, so corpora of different sizes share their
first articles and any slice can be regenerated alone.

    python bench/corpus.py --n 1000 --seed 1 --out bench/out/corpus-1k
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

__all__ = ["Cast", "load_cast", "generate_article", "write_corpus", "main"]

KB_DIR = Path(__file__).resolve().parent.parent / "graph" / "data" / "kb"
FIRST_DAY = date(2019, 8, 1)
LAST_DAY = date(2020, 4, 30)
SOURCES = ("CTV News", "CBC News", "The Canadian Press", "CFRA", "Ottawa Now")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
ACTIONS = ("a one-day strike", "rotating strikes", "a full strike", "a province-wide walkout",
           "work-to-rule action", "information pickets", "a one-day, province-wide walkout")
ROLES = ("president", "spokesperson", "chief negotiator", "vice-president")


@dataclass(frozen=True)
class Cast:
    """The names an article can use, by kind, taken from the knowledge base."""

    unions: tuple[tuple[str, str], ...]        # (name or alias, acronym-or-name for later mentions)
    people: tuple[str, ...]
    union_leaders: tuple[tuple[str, str], ...]  # (person, union name)
    government: tuple[str, ...]
    boards: tuple[str, ...]
    regions: tuple[str, ...]
    parties: tuple[str, ...]
    groups: tuple[str, ...]
    policies: tuple[str, ...]


_LEADERS = {"harvey-bischof": "osstf", "sam-hammond": "etfo", "liz-stuart": "oecta",
            "remi-sabourin": "aefo", "laura-walton": "cupe-osbcu", "fred-hahn": "cupe"}
_NOT_MEMBERS = {"teachers-unions", "students", "parents"}
_GOVERNMENT = ("Education Minister Stephen Lecce", "Premier Doug Ford", "the Ontario government",
               "the Ministry of Education", "Lecce", "the province")


def load_cast(kb_dir: Path = KB_DIR) -> Cast:
    """Read entities.jsonl and policies.jsonl into the name lists the templates draw from."""
    entities = [json.loads(line) for line in (kb_dir / "entities.jsonl").read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("//")]
    by_type: dict[str, list[dict]] = {}
    for entity in entities:
        by_type.setdefault(entity["type"], []).append(entity)
    by_id = {e["id"]: e for e in entities}
    policies = [json.loads(line) for line in (kb_dir / "policies.jsonl").read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("//")]
    return Cast(
        unions=tuple((u["name"], (u.get("aliases") or [u["name"]])[0]) for u in by_type.get("Union", [])),
        people=tuple(p["name"] for p in by_type.get("Person", [])),
        union_leaders=tuple((by_id[p]["name"], by_id[u]["name"]) for p, u in _LEADERS.items()
                            if p in by_id and u in by_id),
        government=_GOVERNMENT,
        boards=tuple(b["name"] for b in by_type.get("SchoolBoard", [])),
        regions=tuple(("the " if r["name"].startswith("Greater") else "") + r["name"]
                      for r in by_type.get("Region", []) if r["name"] != "province-wide"),
        parties=tuple(p["name"] for p in by_type.get("PoliticalParty", [])),
        groups=tuple(g["name"] for g in by_type.get("Group", []) if g["id"] not in _NOT_MEMBERS),
        policies=tuple(term for p in policies for term in p["terms"][:4]),
    )


STRIKES = (
    "Members of the {union} walked off the job at {board} schools on {day}.",
    "The {short} says its members will hold {action} at the {board} on {day}.",
    "Teachers represented by the {union} began {action} across {region} {when}.",
    "Schools at the {board} and the {board2} will be closed {when} as the {short} strikes.",
    "The {short} announced {action} at the {board} for {day}, its third this month.",
    "Education workers represented by the {short} staged {action} in {region} {when}.",
)
OPPOSITIONS = (
    "The {short} opposes the government's plan for {policy}, calling it reckless.",
    "{leader}, president of the {union}, criticized {policy} in a statement {when}.",
    "{party} leaders slammed the province's {policy} {when}, saying it would hurt {group}.",
    "The {short} wants the government to scrap {policy}.",
    "{group} rallied at Queen's Park {when} to protest {policy}.",
    "\"We reject {policy} outright,\" {leader} said {when}.",
)
PROPOSALS = (
    "{gov} proposed {policy} {when} as part of the government's latest offer.",
    "{gov} announced {policy} on {day}, a change the {short} says goes too far.",
    "The government introduced {policy} {when}, according to a news release.",
    "{gov} unveiled a revised plan for {policy} at a news conference {when}.",
)
RESPONSES = (
    "{gov} responded to the {short} {when}, calling the strike needless escalation.",
    "{leader} fired back at {gov} {when}, saying the union had been at the table all week.",
    "In response, {gov} said the {short} had rejected a reasonable offer.",
    "{gov} answered the {short}'s demands {when} with a statement urging a return to the table.",
)
REPRESENTS = (
    "The {union} represents {group} in publicly funded schools.",
    "{leader}, president of the {union}, spoke to reporters {when}.",
    "The {short}, which represents about {number} {group}, is in a legal strike position.",
    "{leader}, who leads the {short}, said members were united.",
)
CONTEXT = (
    "Negotiations between the two sides broke off late last night after {number} hours of talks.",
    "Parents across {region} scrambled to find child care for the day.",
    "The {board} said in a letter to families that schools would remain open for students with special needs.",
    "The dispute has dragged on since the last contracts expired at the end of August.",
    "A mediator has been appointed, but no new bargaining dates have been set.",
    "Officials said the talks would resume {when} if both sides agree.",
    "Many of the province's largest boards posted updates on their websites {when}.",
    "Students at the {board} said they were worried about losing class time before exams.",
    "The government says it has offered a raise of one per cent a year for three years.",
    "Polls suggest most voters blame the province for the disruption.",
    "About {number} members attended a rally outside the legislature {when}.",
    "Trustees at the {board} met on {day} to discuss contingency plans.",
)
_KINDS = (STRIKES, OPPOSITIONS, PROPOSALS, RESPONSES, REPRESENTS)
_WHEN = ("on {weekday}", "next week", "late last night", "this morning", "earlier this month", "on {weekday} morning")


def _fill(template: str, rng: random.Random, cast: Cast, published: date) -> str:
    union, short = rng.choice(cast.unions)
    leader, leader_union = rng.choice(cast.union_leaders)
    if "{leader}" in template and "{union}" in template:
        union = leader_union
    day = published + timedelta(days=rng.randint(-6, 9))
    boards = rng.sample(cast.boards, 2)
    values = {
        "union": union, "short": short, "leader": leader, "board": boards[0], "board2": boards[1],
        "region": rng.choice(cast.regions), "party": rng.choice(cast.parties), "group": rng.choice(cast.groups),
        "policy": rng.choice(cast.policies), "gov": rng.choice(cast.government), "action": rng.choice(ACTIONS),
        "day": f"{day:%B} {day.day}", "when": rng.choice(_WHEN).format(weekday=rng.choice(WEEKDAYS)),
        "number": rng.choice(("12", "60,000", "83,000", "45,000", "200", "1,500")),
    }
    sentence = template.format(**values)
    return sentence[0].upper() + sentence[1:]


def generate_article(seed: int, index: int, cast: Cast) -> tuple[str, date, str]:
    """Article ``index`` of the corpus for ``seed``: (text, publication date, source)."""
    rng = random.Random(f"{seed}:{index}")
    published = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
    target = rng.randint(300, 600)
    paragraphs, words = [], 0
    while words < target:
        count = rng.randint(2, 4)
        sentences = [_fill(rng.choice(rng.choice(_KINDS) if rng.random() < 0.6 else CONTEXT), rng, cast, published)
                     for _ in range(count)]
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    return "\n\n".join(paragraphs) + "\n", published, rng.choice(SOURCES)


def write_corpus(n: int, seed: int, out: Path) -> list[Path]:
    """Write ``n`` articles and their metadata.csv into ``out``; returns the article paths."""
    cast = load_cast()
    out.mkdir(parents=True, exist_ok=True)
    paths, rows = [], []
    for index in range(n):
        text, published, source = generate_article(seed, index, cast)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        path = out / f"{index:06d}_{digest}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        rows.append((path.name, published.isoformat(), source))
    with (out / "metadata.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("file", "date", "source"))
        writer.writerows(rows)
    return paths


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="number of articles")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="folder to write (created if missing)")
    args = parser.parse_args(argv)
    paths = write_corpus(args.n, args.seed, args.out)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(f"wrote {len(paths)} articles ({words} words) to {args.out}")


if __name__ == "__main__":
    main()
