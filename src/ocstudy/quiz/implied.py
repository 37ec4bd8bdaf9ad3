"""What the content's relations imply, so that no wrong option is in fact right.

The content states "CND is a subsidiary body of ECOSOC", not "ECOSOC created CND"; it states
"the Single Convention created INCB", not "INCB supervises the Single Convention". A question
"Which commission did ECOSOC create?" must not offer CND as a wrong answer. ``implied_truths``
closes the stated relations under a few rules; ``past_entities`` finds what no longer acts.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from ocstudy.content.model import Event, Relation

#: Relation kinds that say the same thing of the same pair (UNODC is the guardian of UNTOC and
#: the custodian of UNCAC: one role).
SAME_KIND: Final[dict[str, str]] = {"custodian_of": "guardian_of"}
#: Entity kinds whose creations are their treaty bodies, which supervise them (the Single
#: Convention's INCB): a body that creates a body (ECOSOC, CND) does not come under it.
TREATY_KINDS: Final = frozenset({"convention", "protocol"})

Truth = tuple[str, str, str]


def canonical(kind: str) -> str:
    return SAME_KIND.get(kind, kind)


def implied_truths(relations: Iterable[Relation]) -> set[Truth]:
    """Every (subject, kind, object) the content states or implies: a body's parent created
    it; a body a convention or protocol created supervises (monitors) that treaty; what a
    special session adopted, its assembly adopted; who monitors an instrument monitors the one
    built on it; guardian and custodian are one relation."""
    relations = list(relations)
    treaties = {r.subject_slug for r in relations if r.subject_kind in TREATY_KINDS} | {
        r.object_slug for r in relations if r.object_kind in TREATY_KINDS
    }
    truths = {(r.subject_slug, canonical(r.kind), r.object_slug) for r in relations}
    while True:
        more = set(truths)
        parts = {(s, o) for s, k, o in truths if k == "part_of"}
        follows = {(s, o) for s, k, o in truths if k == "follows"}
        for subject, kind, obj in truths:
            if kind == "subsidiary_of":
                more.add((obj, "created", subject))
            elif kind == "created" and subject in treaties:
                more.add((obj, "monitors", subject))
            elif kind == "adopted_by":
                more |= {(subject, kind, whole) for part, whole in parts if part == obj}
            elif kind == "monitors":
                more |= {(subject, kind, later) for later, earlier in follows if earlier == obj}
        if more == truths:
            return truths
        truths = more


def true_ends(truths: set[Truth], kind: str, given: str, *, reverse: bool) -> set[str]:
    """The entities that are a right answer: the objects of (given, kind, ?) asked forward,
    the subjects of (?, kind, given) asked in reverse."""
    kind = canonical(kind)
    if reverse:
        return {s for s, k, o in truths if k == kind and o == given}
    return {o for s, k, o in truths if k == kind and s == given}


def linked(truths: set[Truth], slug: str) -> set[str]:
    """Every entity in any relation with ``slug``, either way: never a safe wrong answer for
    a question about it ('Which instrument does INCB monitor?' must not offer the convention
    that created INCB)."""
    return {o for s, _, o in truths if s == slug} | {s for s, _, o in truths if o == slug}


#: Structural links through which a right answer carries over (the special session and its
#: assembly, a body and what absorbed it, an instrument and the one built on it).
_CARRYING: Final = frozenset({"part_of", "subsidiary_of", "merged_into", "created", "follows"})


def carried(truths: set[Truth], slug: str) -> set[str]:
    """Entities structurally tied to an answer: offering them would make a second right one."""
    return {o for s, k, o in truths if s == slug and k in _CARRYING} | {
        s for s, k, o in truths if o == slug and k in _CARRYING
    }


def past_entities(events: Iterable[Event], relations: Iterable[Relation]) -> set[str]:
    """What no longer acts: dissolved, merged into another, succeeded, or replaced; and an
    organization all of whose creations and monitored instruments no longer act (the League
    of Nations, through its Opium Advisory Committee and the Hague Convention)."""
    relations = list(relations)
    ended = {e.entity_slug for e in events if e.kind == "dissolved"}
    ended |= {r.subject_slug for r in relations if r.kind == "merged_into"}
    ended |= {r.object_slug for r in relations if r.kind in {"replaces", "succeeds"}}
    charges: dict[str, set[str]] = {}
    for r in relations:
        if r.kind in {"created", "monitors"}:
            charges.setdefault(r.subject_slug, set()).add(r.object_slug)
    return ended | {slug for slug, cared in charges.items() if cared <= ended}
