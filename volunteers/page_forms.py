"""The editor form of volunteer opportunity pages: shifts people signed up for stay intact."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm


class VolunteerOpportunityPageForm(WagtailAdminPageForm):
    """Refuses removing a shift with sign-ups, or giving it fewer seats than are taken."""

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("shifts")
        if formset is None or not formset.is_valid():
            return cleaned_data
        for form in formset.forms:
            shift = form.instance
            if shift.pk is None:
                continue
            taken = shift.signups.filter(status__in=["confirmed", "waitlisted"]).count()
            confirmed = shift.signups.filter(status="confirmed").count()
            if formset._should_delete_form(form) and taken:
                self.add_error(
                    None,
                    _("The shift %(shift)s has sign-ups and cannot be removed.") % {"shift": shift},
                )
            elif (form.cleaned_data.get("seats") or 0) < confirmed:
                form.add_error(
                    "seats",
                    _("%(count)s volunteers are confirmed; keep at least that many seats.")
                    % {"count": confirmed},
                )
        return cleaned_data
