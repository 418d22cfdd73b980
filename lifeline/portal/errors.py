"""Refusals from the services, told in the reader's language."""

from __future__ import annotations

from django.utils.translation import gettext as _

from lifeline.core.errors import (
    Conflict,
    DomainError,
    DuplicateDeclaration,
    NotFound,
    PermissionDenied,
    StaleVersion,
    TransitionNotAllowed,
    UploadRejected,
)
from lifeline.intake.evidence import ScannerUnavailable, UploadTooLarge


def _upload_message(error: UploadRejected) -> str:
    if isinstance(error, UploadTooLarge):
        return _("The file is larger than 10 MB. Send a smaller scan or photo.")
    if "signature" in error.details:
        return _("The file contains a virus and was not accepted. Nothing was saved.")
    if "filename" in error.details:
        return _(
            "The file's name does not match its content (for example a PDF named .jpg). "
            "Rename it or send the right file."
        )
    if "detected_type" in error.details:
        return _("Only PDF, JPEG and PNG files are accepted. Nothing was saved.")
    if error.message == "The file is empty.":
        return _("The file is empty.")
    return _("The file could not be read; it may be damaged. Nothing was saved.")


_CODES = {
    "minor_needs_companion": lambda: _(
        "A child under 18 must travel with a parent or legal guardian: file the adult's "
        "request first, then add the child to it as a family member."
    ),
    "minor_needs_parent": lambda: _(
        "A child under 18 must travel with a parent or legal guardian. Add the child from the "
        "request of the parent or guardian they travel with."
    ),
}


def explain(error: DomainError) -> str:
    """A sentence the person can act on; nothing was saved when a service refused."""
    code = error.details.get("code")
    if code in _CODES:
        return _CODES[code]()
    if isinstance(error, DuplicateDeclaration):
        return _(
            "You already declared support for this person under this program. One declaration "
            "per person and program is allowed: withdraw the first one to file a new one."
        )
    if isinstance(error, ScannerUnavailable):
        return _("The virus scanner is not available, so the file was not accepted. Try later.")
    if isinstance(error, UploadRejected):
        return _upload_message(error)
    if isinstance(error, StaleVersion):
        return _("Someone changed this request since you opened it. Reload the page and retry.")
    if isinstance(error, TransitionNotAllowed):
        return _("This cannot be done in the request's current state.")
    if isinstance(error, Conflict):
        return _("This was already done.")
    if isinstance(error, NotFound):
        return _("We could not find what you asked for, or you may not see it.")
    if isinstance(error, PermissionDenied):
        return _("You may not do this.")
    return _("Some information is not valid. Check your answers and try again.")
