from django.urls import path
from viewflow.workflow.flow import FlowViewset

from config.urls import urlpatterns as project_urlpatterns

from .flows import BallotFlow
from .unlocked import UnlockedBallotFlow

urlpatterns = [
    path("ballot/", FlowViewset(BallotFlow).urls),
    path("unlocked-ballot/", FlowViewset(UnlockedBallotFlow).urls),
    *project_urlpatterns,
]
