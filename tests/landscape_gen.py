"""A generated landscape for the map's geometry tests and benchmark: seeded, so always the same.

``generate(forms=40, zones=5, links=40)`` writes YAML with forms spread over
the zones in both orientations, tools and thinkers shared across zones, and
links between nearby forms (the same zone or the next one), as a real
landscape has them.
"""

from __future__ import annotations

import random

WORDS = [
    "peer",
    "coaching",
    "onboarding",
    "webinar",
    "bedside",
    "checklist",
    "community",
    "practice",
    "case",
    "review",
    "simulation",
    "mentoring",
    "microlearning",
    "podcast",
    "wiki",
    "forum",
    "huddle",
    "rounds",
    "reflection",
    "workshop",
    "e-learning",
    "masterclass",
    "buddy",
    "video",
    "quiz",
    "lessons",
    "learned",
    "network",
]


def generate(forms: int = 40, zones: int = 5, links: int = 40, seed: int = 7) -> str:
    rng = random.Random(seed)
    lines = ["learnscape: 1", "zones:"]
    bands = ["education", "education", "exposure", "exposure", "experience"]
    for z in range(zones):
        lines.append(f"  - {{id: z{z}, label: Zone {z} {rng.choice(WORDS)}, band: {bands[z * 5 // zones]}}}")
    tools = [f"t{i}" for i in range(max(4, forms // 3))]
    thinkers = [f"p{i}" for i in range(max(3, forms // 4))]
    lines.append("forms:")
    placed: list[tuple[str, int]] = []
    for f in range(forms):
        zone = f * zones // forms
        name = " ".join(rng.sample(WORDS, rng.randint(1, 3))).capitalize()
        lines += [
            f"  - id: f{f}",
            f"    label: {name} {f}",
            f"    zone: z{zone}",
            f"    orientation: {'learning' if rng.random() < 0.55 else 'performance'}",
            f"    tools: [{', '.join(rng.sample(tools, rng.randint(0, 3)))}]",
            f"    thinkers: [{', '.join(rng.sample(thinkers, rng.randint(0, 2)))}]",
        ]
        placed.append((f"f{f}", zone))
    lines.append("tools:")
    lines += [f"  - {{id: {t}, label: {rng.choice(WORDS).capitalize()} tool {t[1:]}}}" for t in tools]
    lines.append("thinkers:")
    lines += [f"  - {{id: {p}, label: Thinker {p[1:]}}}" for p in thinkers]
    lines.append("links:")
    seen: set[tuple[str, str]] = set()
    kinds = ["sequence", "feedback", "support"]
    while len(seen) < links:
        source, zone = rng.choice(placed)
        near = [f for f, z in placed if f != source and abs(z - zone) <= 1]
        target = rng.choice(near)
        if (source, target) in seen or (target, source) in seen:
            continue
        seen.add((source, target))
        lines.append(f"  - {{from: {source}, to: {target}, kind: {rng.choice(kinds)}}}")
    return "\n".join(lines) + "\n"
