"""Messages that Django and allauth show on the portal's account pages, in the portal catalog.

The portal's catalog takes precedence over Django's and allauth's, and they have no Pashto
(nor, for Django, Haitian Creole): listing the strings here gets them translated with the rest.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

THIRD_PARTY_MESSAGES = (
    gettext_noop("You must type the same password each time."),
    gettext_noop("This password is too common."),
    gettext_noop("This password is entirely numeric."),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("email address"),
    gettext_noop("username"),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        12,
    ),
)
