"""A corpus digest: who met whom, the most active ministers, a timeline, topics by month.

Built from the JSONL facts of many documents (extracted now or read back from
an earlier run), aggregated as it streams, and handed to a template as plain
data.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import combinations
from typing import Any

TOP_PER_COUNTRY = 5
TIMELINE_LIMIT = 500


def digest_context(records: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Aggregate records into the digest's plain data."""
    documents = 0
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    ministers: dict[str, Counter[str]] = defaultdict(Counter)
    timeline: list[dict[str, Any]] = []
    topics_by_month: dict[str, Counter[str]] = defaultdict(Counter)
    outlets: dict[str, Counter[str]] = defaultdict(Counter)
    facts_by_type: Counter[str] = Counter()
    for record in records:
        documents += 1
        outlet = str(record.get("source") or "unknown")
        month = str(record.get("ref_date") or "")[:7] or "undated"
        outlets[outlet]["documents"] += 1
        seen_people: set[str] = set()
        for fact in record.get("facts", []):
            kind, fields = fact.get("type"), fact.get("fields", {})
            facts_by_type[kind] += 1
            outlets[outlet]["facts"] += 1
            if kind == "meeting":
                names = sorted(set(fields.get("participants") or []))
                for a, b in combinations(names, 2):
                    pair = pairs.setdefault((a, b), {"a": a, "b": b, "count": 0, "dates": []})
                    pair["count"] += 1
                    if fields.get("date") and fields["date"] not in pair["dates"]:
                        pair["dates"].append(fields["date"])
            if kind == "minister" and fields.get("name"):
                key = fact.get("entity") or fact.get("id")
                if key not in seen_people:
                    seen_people.add(key)
                    ministers[str(fields.get("country") or "unknown")][fields["name"]] += 1
            if kind in ("meeting", "agreement") and len(timeline) < TIMELINE_LIMIT:
                timeline.append({"date": fields.get("date") or "", "type": kind,
                                 "document": record.get("id"), "text": fact.get("text"),
                                 "who": ", ".join(fields.get("participants") or
                                                  fields.get("parties") or [])})
            if kind == "topic":
                topics_by_month[month][fields.get("topic")] += 1
    return {
        "documents": documents,
        "facts": dict(sorted(facts_by_type.items())),
        "pairs": sorted(pairs.values(), key=lambda p: (-p["count"], p["a"], p["b"])),
        "ministers": [{"country": c, "people": [{"name": n, "documents": k}
                                                for n, k in counter.most_common(TOP_PER_COUNTRY)]}
                      for c, counter in sorted(ministers.items())],
        "timeline": sorted(timeline, key=lambda t: (t["date"] or "9999", str(t["document"]))),
        "topics_by_month": [{"month": m, "topics": counter.most_common()}
                            for m, counter in sorted(topics_by_month.items())],
        "outlets": [{"outlet": o, "documents": c["documents"], "facts": c["facts"]}
                    for o, c in sorted(outlets.items())],
    }
