import time

from django.http import HttpResponse, HttpResponseRedirect

from .models import BallotProcess

# Widened race window for the concurrency tests: without a lock two voters both read the old
# count during this pause and one vote is lost.
READ_MODIFY_WRITE_PAUSE = 0.05


def vote_view(request, **kwargs):
    activation = request.activation
    if request.method != "POST":
        return HttpResponse(f"vote on {activation.process}")
    process = BallotProcess.objects.get(pk=activation.process.pk)
    seen = process.votes
    time.sleep(READ_MODIFY_WRITE_PAUSE)
    process.votes = seen + 1
    process.save(update_fields=["votes"])
    activation.execute()
    return HttpResponseRedirect("/")
