"""The matching screen: every open offer ranked for one person, shortlist and referral."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casework.forms import MatchFilterForm, ReferForm, add_service_errors
from casework.models import PersonStatus
from casework.selectors import current_needs, person_profile
from casework.services import person_record_read, referral_create, shortlist_add, shortlist_remove
from casework.views.access import staff_only, visible_person
from matching import selectors as matching_selectors
from matching.exceptions import SearchUnavailable
from matching.models import OPEN_STATES, Category
from matching.ranking import need_to_refer
from matching.types import MatchQuery, PersonProfile
from portal.pagination import page_number
from portal.redirects import redirect_next

PAGE_SIZE = 20


def _query(profile: PersonProfile, form: MatchFilterForm, page: int) -> MatchQuery:
    data = form.cleaned_data
    category = data.get("category")
    return MatchQuery(
        person=profile,
        keyword=data.get("q", "").strip(),
        kinds=tuple(data.get("kind") or ()),
        categories=(category.slug,) if category else (),
        max_distance_km=data.get("max_distance_km"),
        funded_only=bool(data.get("funded_only")),
        offset=(page - 1) * PAGE_SIZE,
        limit=PAGE_SIZE,
    )


def _search(request, profile: PersonProfile, form: MatchFilterForm, page: int):
    try:
        return matching_selectors.offer_search(query=_query(profile, form, page))
    except SearchUnavailable:
        messages.error(
            request,
            _("The matching engine cannot be reached right now. Please try again shortly."),
        )
        return None


def _hit_rows(result, person, shortlist, profile: PersonProfile) -> list[dict]:
    shortlisted = {entry.offer_key for entry in shortlist}
    referred = set(
        person.referrals.filter(state__in=OPEN_STATES).values_list("offer_key", flat=True)
    )
    names = matching_selectors.category_names_in_language()
    rows = []
    for hit in result.hits if result else ():
        rows.append(
            {
                "hit": hit,
                "facts": matching_selectors.hit_facts(hit, names=names),
                "why": matching_selectors.explain(hit, names=names),
                "shortlisted": hit.document.key in shortlisted,
                "referred": hit.document.key in referred,
                "need": need_to_refer(profile.needs, hit.document.categories),
            }
        )
    return rows


def _has_next(result, page: int) -> bool:
    """Past a capped total, a full page is the only sign that more may follow."""
    if result is None:
        return False
    return result.total > page * PAGE_SIZE or (
        result.total_capped and len(result.hits) == PAGE_SIZE
    )


@staff_only
def person_match(request, pk: int):
    person = visible_person(request, pk)
    categories = matching_selectors.active_categories()
    form = MatchFilterForm(request.GET, categories=categories)
    page = page_number(request)
    needs = current_needs(person)
    profile = person_profile(person, needs=needs)
    result = _search(request, profile, form, page) if form.is_valid() else None
    person_record_read(actor=request.user, person=person, view="matching", request=request)
    shortlist = list(person.shortlist.all())
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "person": person,
        "form": form,
        "result": result,
        "rows": _hit_rows(result, person, shortlist, profile),
        "needs": needs,
        "categories": categories,
        "shared_choices": ReferForm.base_fields["shared_fields"].choices,
        "shared_checked": ReferForm.base_fields["shared_fields"].initial,
        "shortlist": shortlist,
        "query": query.urlencode(),
        "page": page,
        "has_next": _has_next(result, page),
        "can_refer": person.status == PersonStatus.UNDER_SUPERVISION,
    }
    return render(request, "casework/person_match.html", context)


@staff_only
@require_POST
def shortlist_change(request, pk: int):
    person = visible_person(request, pk)
    offer_key = request.POST.get("offer_key", "")
    if request.POST.get("remove"):
        shortlist_remove(person=person, offer_key=offer_key)
    else:
        try:
            shortlist_add(actor=request.user, person=person, offer_key=offer_key)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return redirect_next(request, reverse("casework:person_match", args=[pk]))


@staff_only
def refer(request, pk: int):
    person = visible_person(request, pk)
    offer_key = request.POST.get("offer_key") or request.GET.get("offer", "")
    document = matching_selectors.offer_document(key=offer_key)
    initial = {"offer_key": offer_key, "need_category": _need_for(person, document)}
    form = ReferForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            referral = _create(request, person, form)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("casework:referral_detail", pk=referral.pk)
    context = {"person": person, "form": form, "document": document}
    return render(request, "casework/refer.html", context)


def _need_for(person, document) -> Category | None:
    """The need to preselect: the person's most urgent need the offer meets, else the first."""
    categories = document.categories if document else ()
    slug = need_to_refer(person_profile(person).needs, categories)
    return Category.objects.filter(slug=slug, is_active=True).first() if slug else None


def _create(request, person, form: ReferForm):
    data = form.cleaned_data
    referral = referral_create(
        actor=request.user,
        person=person,
        offer_key=data["offer_key"],
        need_category=data["need_category"],
        shared_fields=data["shared_fields"],
        message=data["message"],
        send=data["send"],
        request=request,
    )
    if data["send"]:
        messages.success(request, _("The referral was sent to the provider."))
    else:
        messages.success(request, _("The referral was saved as a draft."))
    return referral
