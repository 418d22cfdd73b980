"""Review a draft program version against every pending request before it is published."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from lifeline.accounts.models import User
from lifeline.analytics.access import analytics_page
from lifeline.analytics.program_versions.forms import DraftVersionForm
from lifeline.core.errors import DomainError
from lifeline.intake.policy_review import review_draft_program_version
from lifeline.intake.selectors import list_program_version_reviews

REVIEWS_SHOWN = 5


@require_http_methods(["GET", "POST"])
@analytics_page
def program_versions_page(http: HttpRequest) -> HttpResponse:
    form = DraftVersionForm(http.POST or None, http.FILES or None)
    if http.method == "POST" and form.is_valid():
        assert isinstance(http.user, User)  # analytics_page let only staff in
        try:
            report = review_draft_program_version(
                actor=http.user, source_yaml=form.cleaned_data["draft"]
            )
        except DomainError as error:
            form.add_error("draft", error.message)
        else:
            messages.success(
                http,
                f"Reviewed {report.draft_version}: {report.changed_count} of "
                f"{report.evaluated_count} pending requests would change outcome.",
            )
            return redirect("analytics:program_versions")
    context = {
        "section": "program_versions",
        "form": form,
        "reviews": list_program_version_reviews(limit=REVIEWS_SHOWN),
    }
    return render(
        http, "analytics/program_versions.html", context, status=422 if form.errors else 200
    )
