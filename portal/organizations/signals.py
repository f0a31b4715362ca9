"""Signals other apps may listen to without the kernel knowing them."""

from django.dispatch import Signal

# Sent once an organization is verified and its section exists.
# Keyword arguments: organization, section, actor.
organization_verified = Signal()
