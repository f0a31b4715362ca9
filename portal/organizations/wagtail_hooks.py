"""Wagtail admin registrations of the kernel: the place chooser used by every offer editor."""

from wagtail import hooks

from portal.organizations.choosers import place_chooser_viewset


@hooks.register("register_admin_viewset")
def register_place_chooser():
    return place_chooser_viewset
