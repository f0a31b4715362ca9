"""A searchable chooser of places (provinces, cities, counties, zones, townships) for editors.

The offer editors used to list all 2,787 divisions in plain selects (about 690 KB per page);
this chooser opens a modal that searches by name, and shows each place with its city and
county ("郑州市中原区林山寨街道") so that townships of the same name are told apart.
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets.chooser import BaseChooser

from portal.organizations.models import Jurisdiction


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
        return objects.filter(
            Q(name__contains=query)
            | Q(parent__name__contains=query)
            | Q(parent__parent__name__contains=query)
            | Q(code__startswith=query)
        )


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
    per_page = 20
    choose_view_class = PlaceChooseView
    choose_results_view_class = PlaceChooseResultsView
    chosen_view_class = PlaceChosenView
    base_widget_class = PlaceChooserWidget
    register_widget = False


place_chooser_viewset = PlaceChooserViewSet("place_chooser", url_prefix="places/chooser")
PlaceChooser = place_chooser_viewset.widget_class
