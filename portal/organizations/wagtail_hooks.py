"""Wagtail admin registrations of the kernel: the place choosers used by every offer editor."""

from django.urls import path

from wagtail import hooks

from portal.organizations.choosers import place_chooser_viewset, place_search


@hooks.register("register_admin_viewset")
def register_place_chooser():
    return place_chooser_viewset


@hooks.register("register_admin_urls")
def register_place_search():
    return [path("places/search/", place_search, name="place_search")]
