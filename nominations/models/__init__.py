from .amendments import AmendmentKind, AnnulmentGround, CorrectedField, DecisionAmendment
from .blocs import BlocTarget, BlocVote, BlocYear, BlocYearStatus
from .catalogue import (
    Authority,
    Award,
    AwardKind,
    AwardLevel,
    CommendationKind,
    NomineeKind,
    Route,
)
from .certificates import OFFSET_LIMIT_MM, CertificateLayout, Paper
from .consultations import (
    OPINION_TEXT_MAX,
    Consultation,
    ConsultationScope,
    ConsultationStatus,
    ConsultationVerdict,
    RequiredConsultation,
)
from .council import (
    AgendaItem,
    Ballot,
    BallotChoice,
    BallotPaper,
    CouncilProcess,
    CountingRole,
    Session,
    SessionMember,
    SessionStatus,
)
from .cycles import Cycle
from .dossiers import (
    Attachment,
    AttachmentKind,
    Dossier,
    DossierProcess,
    DossierRound,
    DossierStatus,
    Line,
    LineStatus,
)
from .funds import BaseSalary, FundEntry, FundEntryKind
from .initiatives import (
    InitiativeApplication,
    InitiativeAuthor,
    InitiativeCouncilMember,
    InitiativeCouncilPosition,
    InitiativeStatus,
    InitiativeVote,
)
from .legal import LegalText, LegalTextKind
from .movements import BlocMembership, EmulationBloc, Movement, MovementLevel
from .papers import AchievementReport, PaperKind, RequiredPaper
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
from .postings import OPINION_MAX, PostingOpinion
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
from .reports import (
    REPORT_PROSE_FIELDS,
    SECTION_PROSE_FIELDS,
    AnnualReport,
    AnnualReportProcess,
    ReferenceRole,
    ReportReference,
    ReportSection,
    ReportStatus,
)
from .rules import Criterion, RuleSet, TitleCriterion, TitleRule, VoteBase, VoteMethod
from .service_awards import LEVEL_ORDER, PositionLevel, PositionRecord, ServiceAwardRule
from .submissions import AnswerStatus, HomeAffairsProcess, OutcomeDocument, OutcomeDocumentKind, SubmissionAnswer
from .vote_rules import CouncilVoteRule, RecusalHandling, VoteComparison, threshold_text

__all__ = [
    "BlocTarget", "BlocVote", "BlocYear", "BlocYearStatus",
    "OPINION_TEXT_MAX", "Consultation", "ConsultationScope", "ConsultationStatus", "ConsultationVerdict",
    "RequiredConsultation",
    "InitiativeApplication", "InitiativeAuthor", "InitiativeCouncilMember", "InitiativeCouncilPosition",
    "InitiativeStatus", "InitiativeVote",
    "OPINION_MAX", "PostingOpinion",
    "OFFSET_LIMIT_MM", "CertificateLayout", "Paper",
    "BaseSalary", "FundEntry", "FundEntryKind",
    "AchievementReport", "PaperKind", "RequiredPaper",
    "AmendmentKind", "AnnulmentGround", "CorrectedField", "DecisionAmendment",
    "AgendaItem", "AnswerStatus", "Attachment", "AttachmentKind", "Ballot", "BallotChoice", "BallotPaper",
    "CouncilProcess", "CountingRole", "Cycle", "Dossier", "DossierProcess", "DossierRound", "DossierStatus",
    "HomeAffairsProcess",
    "Line", "LineStatus", "OutcomeDocument", "OutcomeDocumentKind", "Session", "SessionMember", "SessionStatus",
    "SubmissionAnswer",
    "AgencyPledgeProcess", "AgencyPledgeRegistration", "AgencyPledgeStatus", "BlocMembership", "EmulationBloc",
    "LegalText", "LegalTextKind", "Movement", "MovementLevel", "PledgeLine", "PledgeProcess", "PledgeRegistration",
    "PledgeReview", "PledgeStatus", "ReferenceRole", "ReportReference",
    "PledgeTarget",
    "DISCIPLINE_RANK", "RATING_RANK", "SCOPE_RANK", "Authority", "Award", "AwardKind", "AwardLevel",
    "CommendationKind", "Criterion", "Discipline", "DisciplineLevel", "DutyRating", "Initiative",
    "InitiativeScope", "NomineeKind", "PastAward", "PersonYearRecord", "Route", "RuleSet", "ServiceRecord",
    "TitleCriterion", "TitleRule", "UnitYearRecord", "VoteBase", "VoteMethod",
    "REPORT_PROSE_FIELDS", "SECTION_PROSE_FIELDS", "AnnualReport", "AnnualReportProcess", "ReportSection",
    "ReportStatus", "CouncilVoteRule", "RecusalHandling", "VoteComparison", "threshold_text",
    "LEVEL_ORDER", "PositionLevel", "PositionRecord", "ServiceAwardRule",
]
