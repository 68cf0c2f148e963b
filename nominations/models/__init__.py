from .catalogue import (
    Authority,
    Award,
    AwardKind,
    AwardLevel,
    CommendationKind,
    NomineeKind,
    Route,
)
from .movements import BlocMembership, EmulationBloc, Movement, MovementLevel
from .pledges import (
    AgencyPledgeProcess,
    AgencyPledgeRegistration,
    AgencyPledgeStatus,
    PledgeLine,
    PledgeProcess,
    PledgeRegistration,
    PledgeReview,
    PledgeStatus,
    PledgeTarget,
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
    "AgencyPledgeProcess", "AgencyPledgeRegistration", "AgencyPledgeStatus", "BlocMembership", "EmulationBloc",
    "Movement", "MovementLevel", "PledgeLine", "PledgeProcess", "PledgeRegistration", "PledgeReview", "PledgeStatus",
    "PledgeTarget",
    "DISCIPLINE_RANK", "RATING_RANK", "SCOPE_RANK", "Authority", "Award", "AwardKind", "AwardLevel",
    "CommendationKind", "Criterion", "Discipline", "DisciplineLevel", "DutyRating", "Initiative",
    "InitiativeScope", "NomineeKind", "PastAward", "PersonYearRecord", "Route", "RuleSet", "ServiceRecord",
    "TitleCriterion", "TitleRule", "UnitYearRecord", "VoteBase", "VoteMethod",
]
