from .catalogue import (
    Authority,
    Award,
    AwardKind,
    AwardLevel,
    CommendationKind,
    NomineeKind,
    Route,
)
from .registries import (
    DISCIPLINE_RANK,
    RATING_RANK,
    SCOPE_RANK,
    Discipline,
    DisciplineLevel,
    DutyRating,
    Initiative,
    InitiativeScope,
    PastAward,
    PersonYearRecord,
    ServiceRecord,
    UnitYearRecord,
)
from .rules import Criterion, RuleSet, TitleCriterion, TitleRule, VoteBase, VoteMethod

__all__ = [
    "DISCIPLINE_RANK", "RATING_RANK", "SCOPE_RANK", "Authority", "Award", "AwardKind", "AwardLevel",
    "CommendationKind", "Criterion", "Discipline", "DisciplineLevel", "DutyRating", "Initiative",
    "InitiativeScope", "NomineeKind", "PastAward", "PersonYearRecord", "Route", "RuleSet", "ServiceRecord",
    "TitleCriterion", "TitleRule", "UnitYearRecord", "VoteBase", "VoteMethod",
]
