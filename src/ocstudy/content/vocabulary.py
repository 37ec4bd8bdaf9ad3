"""The fixed vocabularies of the content sources: themes, kinds, event, count, document and
relation kinds, the statuses of a citation, and the cards' tiers, written kinds and answer
modes (with the words the app says them in). The builder rejects any value not listed here,
so a typo in a source file stops the build instead of becoming a new kind."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Final, Literal

THEMES: Final[dict[str, str]] = {
    "drugs": "Drugs",
    "organized-crime": "Organized crime",
    "trafficking-in-persons": "Trafficking in persons",
    "migrant-smuggling": "Migrant smuggling",
    "firearms": "Firearms",
    "corruption": "Corruption",
    "money-laundering": "Money laundering",
}

#: Groups of the instrument tree, in display order.
KIND_GROUPS: Final[dict[str, str]] = {
    "conventions": "Conventions and protocols",
    "declarations": "Declarations and plans",
    "programmes": "Programmes and strategies",
    "documents": "Resolutions and reports",
    "campaigns": "Campaigns, funds and observances",
    "meetings": "Meetings and congresses",
    "bodies": "Bodies",
}

#: kind -> (label, group, is_body)
KINDS: Final[dict[str, tuple[str, str, bool]]] = {
    "convention": ("Convention", "conventions", False),
    "protocol": ("Protocol", "conventions", False),
    "treaty": ("Treaty", "conventions", False),
    "declaration": ("Declaration", "declarations", False),
    "plan_of_action": ("Plan of action", "declarations", False),
    "strategy": ("Strategy", "programmes", False),
    "programme": ("Programme", "programmes", False),
    "resolution": ("Resolution", "documents", False),
    "report": ("Report", "documents", False),
    "database": ("Database", "documents", False),
    "campaign": ("Campaign", "campaigns", False),
    "trust_fund": ("Trust fund", "campaigns", False),
    "observance": ("International day", "campaigns", False),
    "conference": ("Conference", "meetings", False),
    "congress": ("Congress", "meetings", False),
    "special_session": ("Special session", "meetings", False),
    "organ": ("Principal organ", "bodies", True),
    "organization": ("Organization", "bodies", True),
    "office": ("Office", "bodies", True),
    "unit": ("Unit", "bodies", True),
    "commission": ("Commission", "bodies", True),
    "committee": ("Committee", "bodies", True),
    "board": ("Board", "bodies", True),
    "treaty_body": ("Treaty body", "bodies", True),
    "working_group": ("Working group", "bodies", True),
    "inter_agency_group": ("Inter-agency group", "bodies", True),
}

EVENT_KINDS: Final[dict[str, str]] = {
    "adopted": "Adopted",
    "concluded": "Concluded",
    "signed": "Signed",
    "opened_for_signature": "Opened for signature",
    "entry_into_force": "Entered into force",
    "conference": "Conference",
    "session": "Session",
    "meeting": "Meeting",
    "first_meeting": "First meeting",
    "established": "Established",
    "launched": "Launched",
    "approved": "Approved",
    "published": "Published",
    "requested": "Requested",
    "endorsed": "Endorsed",
    "observed": "Observed",
    "target_date": "Target date",
    "dissolved": "Dissolved",
}

COUNT_KINDS: Final[dict[str, str]] = {
    "parties": "Parties",
    "signatories": "Signatories",
    "members": "Members",
    "staff": "Staff",
    "countries": "Countries covered",
    "countries_of_origin": "Countries of origin",
    "countries_of_destination": "Countries of destination",
    "countries_of_transit": "Transit countries",
    "projects": "New projects supported",
    "chapters": "Chapters",
    "articles": "Articles",
    "goals": "Goals",
    "areas": "Areas of action",
    "modules": "Modules",
    "protocols": "Supplementary protocols",
    "functions": "Functions",
    "session_number": "Session number",
    "paragraphs": "Numbered paragraphs",
}

DOCUMENT_KINDS: Final[dict[str, str]] = {
    "ga_resolution": "General Assembly resolution",
    "ecosoc_resolution": "ECOSOC resolution",
    "cop_resolution": "Conference of the Parties resolution",
    "unts": "United Nations Treaty Series",
    "registration": "UN registration number",
    "document_symbol": "Document symbol",
}

#: kind -> (label seen from the subject, label seen from the object)
RELATION_KINDS: Final[dict[str, tuple[str, str]]] = {
    "supplements": ("Supplements", "Supplemented by"),
    "amends": ("Amends", "Amended by"),
    "incorporates": ("Incorporates", "Incorporated into"),
    "replaces": ("Replaces, between its parties", "Replaced by"),
    "follows": ("Builds on", "Followed by"),
    "created": ("Created", "Created by"),
    "merged_into": ("Merged into", "Absorbed"),
    "succeeds": ("Successor of", "Succeeded by"),
    "guardian_of": ("Guardian of", "Guardian"),
    "custodian_of": ("Custodian of", "Custodian"),
    "administers": ("Manages", "Managed by"),
    "runs": ("Carries out", "Carried out by"),
    "part_of": ("Part of", "Includes"),
    "adopted_by": ("Adopted by", "Adopted"),
    "endorsed_by": ("Endorsed by", "Endorsed"),
    "monitors": ("Monitors", "Monitored by"),
    "mandated_by": ("Mandated by", "Mandated"),
    "led_to": ("Led to", "Followed from"),
    "launched_by": ("Launched by", "Launched"),
    "issued_by": ("Issued by", "Issued"),
    "secretariat_of": ("Secretariat of", "Secretariat"),
    "advises": ("Advises", "Advised by"),
    "strengthened": ("Strengthened", "Strengthened by"),
    "subsidiary_of": ("Subsidiary of", "Subsidiary"),
    "covers": ("Covers", "Covered by"),
    "requested_by": ("Requested by", "Requested"),
    "promotes": ("Promotes", "Promoted by"),
}


class FactStatus(StrEnum):
    """How a citation stands against the public record (``../shared/reference``), and a fact
    with it: a fact takes the status of its worst citation (:meth:`worst`). Listed worst
    first."""

    #: the paper differs from the record
    DIFFERS = "differs"
    #: the paper's value, not checked against the record
    UNVERIFIED = "unverified"
    #: the paper's statement; no claim in the reference covers it
    UNCHECKED = "unchecked"
    #: from the record; the paper does not give it
    RECORD = "record"
    #: checked against the record, which agrees
    AGREES = "agrees"

    @property
    def differs(self) -> bool:
        return self is FactStatus.DIFFERS

    @property
    def is_hearsay(self) -> bool:
        """The paper's word alone, checked against no record: asked "According to the paper"."""
        return self in (FactStatus.UNVERIFIED, FactStatus.UNCHECKED)

    @property
    def severity(self) -> int:
        """0 for the worst (the paper differs), 4 for the best (the record agrees)."""
        return STATUS_SEVERITY.index(self)

    @staticmethod
    def worst(statuses: Iterable[FactStatus]) -> FactStatus:
        """The worst of ``statuses``; ``AGREES`` if there are none."""
        return min(statuses, key=STATUS_SEVERITY.index, default=FactStatus.AGREES)


#: The statuses, worst first.
STATUS_SEVERITY: Final[tuple[FactStatus, ...]] = tuple(FactStatus)


#: How likely an examiner is to ask a card: ``core``, what the paper teaches and an examiner
#: would ask; ``detail``, true and in the paper, less likely asked; ``extra``, from the record
#: only.
Tier = Literal["core", "detail", "extra"]
TIERS: Final[tuple[Tier, ...]] = ("core", "detail", "extra")
#: Each tier's name and what it holds, as the statistics and the cards browser say them.
TIER_WORDS: Final[dict[Tier, tuple[str, str]]] = {
    "core": ("Core", "what an examiner asks"),
    "detail": ("Detail", "in the paper, less often asked"),
    "extra": ("Extra", "from the record only"),
}
#: Which tiers a session asks (a quiz setting): core only (the default), core and detail, or
#: every card.
TierChoice = Literal["core", "detail", "all"]
TIER_CHOICES: Final[dict[TierChoice, tuple[Tier, ...]]] = {
    "core": ("core",),
    "detail": ("core", "detail"),
    "all": ("core", "detail", "extra"),
}
#: Each choice's short name (custom study's summary) and its label (the quiz's start page).
TIER_CHOICE_WORDS: Final[dict[TierChoice, tuple[str, str]]] = {
    "core": ("Core", "Core: what an examiner asks"),
    "detail": ("Core and detail", "Core and detail"),
    "all": ("Everything", "Everything, the record's facts too"),
}


def tier_label(tier: Tier) -> str:
    """ "Core: what an examiner asks": a tier's name and what it holds."""
    name, holds = TIER_WORDS[tier]
    return f"{name}: {holds}"


#: The kinds of the cards written by hand (``cards/*.toml``): one of the paper's definitions,
#: what the paper says a thing is or does, one of the paper's errors.
WrittenKind = Literal["definition", "key_fact", "paper_error"]
WRITTEN_KINDS: Final[tuple[WrittenKind, ...]] = ("definition", "key_fact", "paper_error")
#: How a card can be answered.
AnswerMode = Literal["flashcard", "choice", "typed", "order"]
ANSWER_MODES: Final[tuple[AnswerMode, ...]] = ("flashcard", "choice", "typed", "order")
