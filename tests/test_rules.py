"""Each rule family on sentences of its own: text in, expected facts out.

Cases live in ``tests/cases/rules.jsonl``, one per line: the text, the article date, the
facts that must be extracted (relation, agent id, object id, ISO date or "" for unknown)
and the facts that must not be (on that day only, when a fourth item gives one). A case the extractor cannot handle yet carries an "xfail"
reason rather than being dropped.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from conftest import CASES
from graph.entities import resolve_entities
from graph.facts import extract_facts
from graph.mentions import parse_article
from graph.model import Article

CASES_FILE = CASES / "rules.jsonl"


def _cases():
    for line in CASES_FILE.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
        yield pytest.param(case, id=case["id"], marks=marks)


def _facts(extractor, text: str, article_date: str, dateline: str = "") -> set[tuple[str, str, str, str]]:
    metadata = (("dateline", dateline),) if dateline else ()
    article = Article("case.txt", text, date.fromisoformat(article_date), text, metadata)
    resolved = resolve_entities(parse_article(article, extractor.nlp), extractor.kb, extractor.lexicon)
    facts = extract_facts(resolved, extractor.kb, extractor.rules)
    return {(f.relation, f.agent, f.object, f.date.isoformat() if f.date else "") for f in facts}


@pytest.mark.parametrize("case", list(_cases()))
def test_rule_family(extractor, case):
    found = _facts(extractor, case["text"], case["date"], case.get("dateline", ""))
    for relation, agent, target, day in case.get("expect", []):
        wanted = (relation, agent, target, day) if relation != "represents" else (relation, agent, target, "")
        assert wanted in found, f"{case['id']}: expected {wanted}, got {sorted(found)}"
    for relation, agent, target, *day in case.get("absent", []):  # a day, when given, forbids only that day
        assert not any(f[:3] == (relation, agent, target) and f[3] in (day or [f[3]]) for f in found), \
            f"{case['id']}: unexpected {relation} {agent} {target} {day}"
