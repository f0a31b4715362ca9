"""Searchable choosers of places (provinces, cities, counties, zones, townships) for editors.

The offer editors used to list all 2,787 divisions in plain selects (about 690 KB per page).
The one-place chooser opens a modal that searches by name, and shows each place with its city
and county ("郑州市中原区林山寨街道"); the several-places chooser (service area) renders only
the chosen places and finds more through a search endpoint as the editor types, each labelled
with the division it lies in ("建设路街道（中原区）").
"""

from django import forms
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets.chooser import BaseChooser

from portal.organizations.models import Jurisdiction
from portal.organizations.selectors import places_matching

PLACE_SEARCH_LIMIT = 20


class PlaceSearchForm(BaseFilterForm):
    """The chooser's search box: a place by its name or the name of its county or city."""

    q = forms.CharField(
        label=_("Place name"),
        widget=forms.TextInput(attrs={"placeholder": _("e.g. 建设路 or 中原区")}),
        required=False,
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        if not query:
            return objects
        self.is_searching, self.search_query = True, query
        return places_matching(query=query, places=objects)


class PlaceListingMixin:
    """Places in code order with their county and city, named by their full name."""

    filter_form_class = PlaceSearchForm

    def get_object_list(self):
        return Jurisdiction.objects.select_related("parent__parent").order_by("code")

    @property
    def title_column(self):
        column = super().title_column
        column.accessor = lambda place: place.full_name
        return column


class PlaceChooseView(PlaceListingMixin, chooser_views.ChooseView):
    pass


class PlaceChooseResultsView(PlaceListingMixin, chooser_views.ChooseResultsView):
    pass


class PlaceChosenView(chooser_views.ChosenView):
    def get_display_title(self, instance):
        return instance.full_name


class PlaceChooserWidget(BaseChooser):
    """The chosen place shown with its city and county."""

    def get_display_title(self, instance):
        return instance.full_name


class PlaceChooserViewSet(ChooserViewSet):
    """The place chooser, registered once and used by every offer editor."""

    model = Jurisdiction
    icon = "site"
    choose_one_text = _("Choose a place")
    choose_another_text = _("Choose another place")
    # Wagtail's own "Edit" is worded when its module loads; the widget class is built here,
    # before any request, so the label is given lazily to follow each request's language.
    edit_item_text = _("Edit")
    per_page = 20
    choose_view_class = PlaceChooseView
    choose_results_view_class = PlaceChooseResultsView
    chosen_view_class = PlaceChosenView
    base_widget_class = PlaceChooserWidget
    register_widget = False


place_chooser_viewset = PlaceChooserViewSet("place_chooser", url_prefix="places/chooser")
PlaceChooser = place_chooser_viewset.widget_class


def place_search(request: HttpRequest) -> JsonResponse:
    """Up to 20 places matching ?q= (name, county, city or code), each labelled with the
    division it lies in; an admin URL, so only users who may use the editors reach it."""
    query = request.GET.get("q", "").strip()
    places = (
        places_matching(query=query).select_related("parent").order_by("code")[:PLACE_SEARCH_LIMIT]
        if query
        else []
    )
    return JsonResponse(
        {"results": [{"id": place.pk, "label": place.name_with_parent} for place in places]}
    )


class PlaceMultipleChooser(forms.SelectMultiple):
    """Several places: only the chosen ones are rendered (never all 2,787); a search box finds
    more through `place_search`. Without JavaScript the chosen places can still be removed."""

    template_name = "organizations/widgets/place_multiple_chooser.html"

    class Media:
        js = ["organizations/js/place_multiple_chooser.js"]
        css = {"all": ["organizations/css/place_multiple_chooser.css"]}

    def optgroups(self, name, value, attrs=None):
        chosen = (
            Jurisdiction.objects.filter(pk__in=[pk for pk in value if str(pk).isdigit()])
            .select_related("parent")
            .order_by("code")
        )
        options = [
            self.create_option(name, str(place.pk), place.name_with_parent, True, index)
            for index, place in enumerate(chosen)
        ]
        return [(None, options, 0)]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["search_url"] = reverse("place_search")
        return context
