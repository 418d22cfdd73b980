"""Events intake sends to other apps, inside the transaction of the write they announce."""

from django.dispatch import Signal

# Sent once per import call with `requests`: the new, pre-screened ParoleRequest rows.
# bulk_create sends no post_save, so subscribers that queue requests listen here instead.
requests_imported = Signal()
