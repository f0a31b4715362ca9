"""The offer editor's form: the service area lists cities and counties by their full names."""

from django.db.models import Q

from wagtail.admin.forms import WagtailAdminPageForm

from portal.organizations.models import Jurisdiction, JurisdictionLevel

AREA_LEVELS = [
    JurisdictionLevel.PROVINCE,
    JurisdictionLevel.CITY,
    JurisdictionLevel.COUNTY,
    JurisdictionLevel.ZONE,
]


class ServiceOfferPageForm(WagtailAdminPageForm):
    """Service area from about 200 cities and counties ("郑州市中原区"), not 2,787 places with
    repeated township names; townships an offer already names stay listed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("service_area")
        if field is None:
            return
        chosen = (
            [place.pk for place in self.instance.service_area.all()] if self.instance.pk else []
        )
        field.queryset = Jurisdiction.objects.filter(
            Q(level__in=AREA_LEVELS) | Q(pk__in=chosen)
        ).select_related("parent")
        field.label_from_instance = lambda place: place.full_name
        field.widget.attrs["size"] = 12
