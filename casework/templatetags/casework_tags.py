"""Template helpers of the matching screen: what every offer's row repeats is written once per
page, each row fills in its offer, and the filters are drawn by their widgets once per
language, categories and values."""

from collections.abc import Callable, Iterable
from html import escape
from typing import Any

from django import template
from django.forms import Form
from django.template.defaulttags import CsrfTokenNode
from django.template.loader import render_to_string
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from matching.models import Category
from matching.schedules import display
from matching.templatetags.matching_tags import offer_title
from portal.templatetags.display_lists import content_language_label

register = template.Library()

FILTER_FIELDS_TEMPLATE = "casework/includes/match_filters.html"
# Filter fields already drawn, by (language, category choices, values); cleared when full.
_drawn_filters: dict[tuple, SafeString] = {}
DRAWN_FILTERS_MAX = 256
# Offers' schedules drawn, by (language, schedule value); cleared when full.
_drawn_schedules: dict[tuple[str, str], str] = {}
DRAWN_SCHEDULES_MAX = 4096


@register.simple_tag
def match_filter_fields(form: Form) -> SafeString:
    """The filter fields as their widgets draw them. A valid form draws the same text for the
    same language, category choices and field values (what the widgets draw from), so that
    text is kept in the process; a form with errors is drawn each time."""
    if form.errors:
        return render_to_string(FILTER_FIELDS_TEMPLATE, {"form": form})
    key = (
        get_language(),
        tuple(form.fields["category"].choices),  # type: ignore[attr-defined]
        tuple(_hashable(field.value()) for field in form),
    )
    return _kept(
        _drawn_filters,
        DRAWN_FILTERS_MAX,
        key,
        lambda: render_to_string(FILTER_FIELDS_TEMPLATE, {"form": form}),
    )


def _kept(store: dict, limit: int, key: Any, draw: Callable[[], Any]) -> Any:
    """What `draw` gives for a key, kept in a per-process store that is emptied when full."""
    drawn = store.get(key)
    if drawn is None:
        if len(store) >= limit:
            store.clear()
        drawn = store[key] = draw()
    return drawn


def _hashable(value: Any) -> Any:
    """A field's value as a key: a multiple choice's list as a tuple."""
    return tuple(value) if isinstance(value, list) else value


@register.simple_tag
def need_options(categories: Iterable[Category], need: str) -> SafeString:
    """The `<option>`s of the referral's need select, the need to refer (a slug) selected."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (category.pk, " selected" if category.slug == need else "", category)
            for category in categories
        ),
    )


@register.simple_tag
def shared_field_boxes(choices: Iterable[tuple[str, Any]], checked: Iterable[str]) -> SafeString:
    """The referral's consent checkboxes (one per field that may be shared), written once."""
    checked = set(checked)
    return format_html_join(
        "",
        '<label><input type="checkbox" name="shared_fields" value="{}"{}> {}</label> ',
        ((value, " checked" if value in checked else "", label) for value, label in choices),
    )


# One offer's row; the page's frame (labels, forms, the language label) is filled in once per
# page with `str.format` on escaped values, so `{{`/`}}` stand for the row's own places. Values
# are escaped as Django's `escape` does (`html.escape`), without its check for lazy text.
ROW = (
    '\n  <li class="card">\n'
    '    <h3><a href="{{url}}" lang="zh-Hans">{{title}}</a>{language_label}</h3>\n'
    '    <p class="match-facts">{{facts}}</p>\n'
    '    <p class="muted"><span lang="zh-Hans">{{provider}}</span>{{schedule}}</p>\n'
    '    <details class="match-why"><summary>{why}</summary>\n'
    "      <ul>{{reasons}}</ul>\n"
    "    </details>\n"
    "    {{actions}}\n"
    "  </li>\n"
)
REFERRED = '<p class="badge">{referred}</p>\n    '
SHORTLIST_FORM = (
    '\n      <form method="post" action="{shortlist_url}">{csrf}'
    '<input type="hidden" name="offer_key" value="{{key}}">'
    '<input type="hidden" name="next" value="{next_path}">'
    '<button type="submit" class="button-secondary">{shortlist}</button></form>\n      '
)
REFER_FORM = (
    "\n      <details><summary>{refer}</summary>\n"
    '      <form method="post" action="{refer_url}" class="form-grid">\n'
    "        {csrf}\n"
    '        <input type="hidden" name="offer_key" value="{{key}}">\n'
    '        <input type="hidden" name="send" value="on">\n'
    '        <label for="need-{{number}}">{need}</label>\n'
    '        <select id="need-{{number}}" name="need_category">\n'
    "          {{options}}\n"
    "        </select>\n"
    "        <fieldset><legend>{consents}</legend>\n"
    '          <p class="muted">{always}</p>\n'
    "          {shared_boxes}\n"
    "        </fieldset>\n"
    '        <label><input type="checkbox" name="consent" required> {agreed}</label>\n'
    '        <button type="submit" class="button">{refer_now}</button>\n'
    "      </form>\n"
    "      </details>\n      "
)


@register.simple_tag(takes_context=True)
def match_rows(context: template.Context, rows: list[dict], **page: Any) -> SafeString:
    """The ranked offers' rows (`casework.views.match` makes them). What every row repeats is
    translated, escaped and laid out once per page; each row fills in its offer's values.
    `page` names the shortlist and referral URLs, the next path, whether the person can be
    referred, the active categories and the drawn consent boxes."""
    frame = _row_frame(context, page)
    options = _need_options(page["categories"])
    return mark_safe(  # noqa: S308  # nosec B308 B703 (every value below is escaped or drawn escaped)
        "".join(_row(frame, options, row, number) for number, row in enumerate(rows, 1))
    )


def _row_frame(context: template.Context, page: dict[str, Any]) -> dict[str, str]:
    """The row's markup with the page's labels, URLs and token in place."""
    texts = {
        "language_label": content_language_label(),
        "why": escape(_("Why this offer ranks here")),
        "referred": escape(_("Already referred")),
        "shortlist": escape(_("Shortlist")),
        "refer": escape(_("Refer")),
        "need": escape(_("Need")),
        "consents": escape(_("The person consents to share")),
        "always": escape(
            _("The person code (pseudonymous) and the need are always shared; nothing else is.")
        ),
        "agreed": escape(_("The person agreed to this referral and to sharing these fields.")),
        "refer_now": escape(_("Refer now")),
        "csrf": CsrfTokenNode().render(context),
        "shortlist_url": escape(page["shortlist_url"]),
        "refer_url": escape(page["refer_url"]),
        "next_path": escape(page["next_path"]),
        "shared_boxes": page["shared_boxes"],
    }
    referred = REFERRED.format(**texts)
    # Braces doubled where a row fills in its values next: the page's values (the next path is
    # the request's) stay text.
    texts = {name: text.replace("{", "{{").replace("}", "}}") for name, text in texts.items()}
    return {
        "row": ROW.format(**texts),
        "referred": referred,
        "shortlist": SHORTLIST_FORM.format(**texts),
        "refer": REFER_FORM.format(**texts) if page["can_refer"] else "",
    }


def _need_options(categories: Iterable[Category]) -> list[tuple[str, str, str]]:
    """Each category's option, drawn once per page unselected and selected."""
    options = []
    for category in categories:
        value, name = escape(str(category.pk)), escape(str(category))
        options.append(
            (
                category.slug,
                f'<option value="{value}">{name}</option>',
                f'<option value="{value}" selected>{name}</option>',
            )
        )
    return options


def _schedule_text(schedule: str) -> str:
    """A schedule in the active language, escaped; kept per process, as it depends on nothing
    else."""
    key = (get_language(), schedule)
    return _kept(_drawn_schedules, DRAWN_SCHEDULES_MAX, key, lambda: escape(display(schedule)))


def _row(frame: dict[str, str], options: list, row: dict, number: int) -> str:
    document = row["hit"].document
    key = escape(document.key)
    if row["referred"]:
        actions = frame["referred"]
    else:
        shortlist = "" if row["shortlisted"] else frame["shortlist"].format(key=key)
        need = row["need"]
        refer = frame["refer"] and frame["refer"].format(
            key=key,
            number=number,
            options="".join(
                selected if slug == need else plain for slug, plain, selected in options
            ),
        )
        actions = f"\n      {shortlist}\n      {refer}\n    "
    schedule = f" · {_schedule_text(document.schedule)}" if document.schedule else ""
    return frame["row"].format(
        url=escape(document.url),
        title=escape(offer_title(document)),
        facts="".join(
            f'<span class="match-fact match-fact-{fact.name}">{escape(fact.text)}</span>'
            for fact in row["facts"]
        ),
        provider=escape(document.provider_name),
        schedule=schedule,
        reasons="".join(f"<li>{escape(reason)}</li>" for reason in row["why"]),
        actions=actions,
    )
