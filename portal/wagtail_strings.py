"""Wagtail's admin in the reader's language where Wagtail's own catalog falls short.

Admin strings that Wagtail leaves in English on Chinese screens, or words oddly ("分页" for the
Pages menu came from the project's pagination label), and allauth's odd greeting, are
translated in the site frame's catalog (`portal/locale`, first in LOCALE_PATHS, so it wins
over every app's and Wagtail's).

Workflow, task and group names are data ("Agency approval", Wagtail's own "Moderators approval"
that its migration made for the Moderators group on Root, the "Moderators" and "Editors" groups,
the project's "Agency managers 410102" and "Section 7 editors"), and permission names ("Can add
user", Wagtail's "Publish any page") on the group screens: they are read through `gettext`
(`NAME_PATTERNS` for the names with a code or number), so that screens and moderation e-mails
show them in the reader's language, while the database keeps the name as it was written, also
when a form sends the shown name back unchanged.

The root page's and root collection's "Root" reads in the active language too
(`translate_root_page_title`, `translate_names`).

Wagtail's `Locale` and `SimpleTranslation` models have no translated name ("Locale" and "Simple
translation" on the group screen, "2 locales" under the locales list): `name_wagtail_models`
gives them one. A locale is 区域设置 throughout, as Wagtail's locales menu and screens call it
(`ADMIN_STRINGS` rewords Wagtail's 区域 and 语言区域 elsewhere). The page search counts its
results as "1-20 of 86 None" (its view has no model name): `name_page_search_results`. The
image and collection permission columns of the group form are worded once, in the language of
the request that first loads Wagtail's forms: `label_collection_permissions` words them per
request. The link choosers' and the task chooser's fields have no label but their field name
("Link text", "Task type"): `label_chooser_fields`.
Some labels Wagtail words once, when its module loads (in the server's language, Chinese, also
on English screens): the choosers' "Choose", "Choose another", "Edit", "Search" and "Create",
and the redirects filter: `label_frozen_wagtail_words` words them per request. The visually
hidden "Search" button of the dashboard and the headers, and the "None" of the aging pages report
for pages no user published, are in Wagtail's templates (overridden in
portal/templates/wagtailadmin).

Wagtail's own column labels made from a field's name ("Port", "Site name", "Root page" on the
sites screen) take the field's translated verbose name (`label_site_columns`), and the page
choosers of the group and workflow forms their translated label (`label_page_fields`).

`WAGTAIL_GAPS` lists the msgids of the admin screens editors use (explorer, editor side panels,
workflows, snippets, images, documents, reports, moderation e-mails) that Wagtail 8's own zh_Hans
catalog leaves empty; they are here so that the catalog update keeps their Chinese.
"""

import re

from django.db.models.query_utils import DeferredAttribute
from django.utils.text import capfirst
from django.utils.translation import (
    gettext,
    gettext_lazy,
    gettext_noop,
    ngettext_lazy,
    pgettext_lazy,
)

ADMIN_STRINGS = [
    gettext_noop("Privacy and access"),
    gettext_noop("Exploring"),
    gettext_noop("Pages"),
    gettext_noop("Agency approval"),
    gettext_noop("Moderators approval"),
    # Wagtail's default groups and the project's agency managers
    gettext_noop("Moderators"),
    gettext_noop("Editors"),
    gettext_noop("Agency managers"),
    # the root page and the root collection that Wagtail's migrations made
    gettext_noop("Root"),
    # tables/boolean_cell.html (project override): the icon's title, was "True"
    gettext_noop("Yes"),
    gettext_noop("No"),
    gettext_noop("Unknown"),
    # allauth's Chinese greeting reads "来自…的 Hello!"
    gettext_noop("Hello from %(site_name)s!"),
    # Wagtail calls a locale 区域, 语言区域 or 区域设置: here always 区域设置, as its locales menu
    gettext_noop("Locale"),
    gettext_noop("Locale: "),
    gettext_noop("Locales"),
    gettext_noop("%(locales_count)s locales"),
    gettext_noop("This locale cannot be deleted because there are no other locales."),
    ngettext_lazy(
        "A locale is disabled because a parent page is not translated.",
        "Some locales are disabled because some parent pages are not translated.",
    ),
]


NAME_PATTERNS = [
    (re.compile(r"^Agency managers (?P<code>\S+)$"), gettext_noop("Agency managers %(code)s")),
    (re.compile(r"^Section (?P<number>\d+) editors$"), gettext_noop("Section %(number)s editors")),
    # Django's default permissions, named after the model's verbose name as written
    (re.compile(r"^Can add (?P<model>.+)$"), gettext_noop("Can add %(model)s")),
    (re.compile(r"^Can change (?P<model>.+)$"), gettext_noop("Can change %(model)s")),
    (re.compile(r"^Can delete (?P<model>.+)$"), gettext_noop("Can delete %(model)s")),
    (re.compile(r"^Can view (?P<model>.+)$"), gettext_noop("Can view %(model)s")),
]


def display_name(original: str) -> str:
    """A stored name in the active language."""
    translated = gettext(original)
    if translated != original:
        return translated
    for pattern, msgid in NAME_PATTERNS:
        match = pattern.match(original)
        if match:
            parts = {key: gettext(value) for key, value in match.groupdict().items()}
            return gettext(msgid) % parts
    return original


class DisplayName(str):
    """A name as shown (translated), remembering the name as stored."""

    original: str

    def __new__(cls, original: str) -> "DisplayName":
        name = super().__new__(cls, display_name(original))
        name.original = original
        return name


class TranslatedNameAttribute(DeferredAttribute):
    """Reads a name through gettext; writes and saves the name as given."""

    def __get__(self, instance, cls=None):
        value = super().__get__(instance, cls)
        if instance is None or not isinstance(value, str) or not value:
            return value
        return DisplayName(value)

    def __set__(self, instance, value) -> None:
        stored = instance.__dict__.get(self.field.attname)
        value = getattr(value, "original", value)
        # A form sends back the translated name it showed: that is no rename.
        if isinstance(stored, str) and value != stored and value == display_name(stored):
            value = stored
        instance.__dict__[self.field.attname] = value


def translate_names(*models) -> None:
    """Make the `name` of these models (Workflow, Task, Group, Permission, Collection) read in the
    active language."""
    for model in models:
        field = model._meta.get_field("name")
        setattr(model, field.attname, TranslatedNameAttribute(field))
        field.pre_save = _stored_value(field)


def _stored_value(field):
    def pre_save(instance, add):
        return instance.__dict__.get(field.attname)

    return pre_save


def translate_root_page_title() -> None:
    """Show the root page's title ("Root", made by Wagtail's migration) in the active language."""
    from wagtail.models import Page

    shown_title = Page.get_admin_display_title

    def get_admin_display_title(self) -> str:
        title = shown_title(self)
        return display_name(title) if self.is_root() else title

    Page.get_admin_display_title = get_admin_display_title


def label_page_fields() -> None:
    """Label the page choosers of the group and workflow forms ("Page", from the field's name)."""
    from wagtail.admin.forms.workflows import WorkflowPageForm
    from wagtail.models import Page
    from wagtail.users.forms import PagePermissionsForm

    # Page's verbose name, not the msgid "Page" that the audit catalog words as a page number
    for form in (PagePermissionsForm, WorkflowPageForm):
        form.base_fields["page"].label = capfirst(Page._meta.verbose_name)


def label_site_columns() -> None:
    """Label the sites screen's columns with their fields' translated names, not the field names."""
    from wagtail.models import Site
    from wagtail.sites.views import IndexView

    for column in IndexView.columns:
        if column.name in ("port", "site_name", "root_page"):
            column.label = capfirst(Site._meta.get_field(column.name).verbose_name)


def name_wagtail_models() -> None:
    """Give Wagtail's Locale and SimpleTranslation models names in the reader's language."""
    from wagtail.contrib.simple_translation.models import SimpleTranslation
    from wagtail.models import Locale

    # _meta only: the migrations' model state reads Meta as written, so no migration follows
    Locale._meta.verbose_name = gettext_lazy("locale")
    Locale._meta.verbose_name_plural = gettext_lazy("locales")
    SimpleTranslation._meta.verbose_name = gettext_lazy("simple translation")
    SimpleTranslation._meta.verbose_name_plural = gettext_lazy("simple translations")


def name_page_search_results() -> None:
    """Count the page search's results in pages ("1-20 of 86 None" in Wagtail 8)."""
    from wagtail.admin.views.pages.search import SearchView
    from wagtail.models import Page

    SearchView.verbose_name = Page._meta.verbose_name
    SearchView.verbose_name_plural = Page._meta.verbose_name_plural


def label_collection_permissions() -> None:
    """Word the image and collection permission columns of the group form per request."""
    from wagtail.admin.forms.collections import GroupCollectionManagementPermissionFormSet
    from wagtail.images.forms import GroupImagePermissionFormSet

    # in place: the formsets' checkbox labels read the same lists
    GroupImagePermissionFormSet.permission_types[:] = [
        ("add_image", gettext_lazy("Add"), gettext_lazy("Add/edit images you own")),
        ("change_image", gettext_lazy("Edit"), gettext_lazy("Edit any image")),
        ("choose_image", gettext_lazy("Choose"), gettext_lazy("Select images in choosers")),
    ]
    GroupCollectionManagementPermissionFormSet.permission_types[:] = [
        ("add_collection", gettext_lazy("Add"), gettext_lazy("Add collections")),
        ("change_collection", gettext_lazy("Edit"), gettext_lazy("Edit collections")),
        ("delete_collection", gettext_lazy("Delete"), gettext_lazy("Delete collections")),
    ]


def label_chooser_fields() -> None:
    """Label the link and task choosers' fields that Wagtail names by their field name."""
    from wagtail.admin.forms import choosers
    from wagtail.admin.forms.workflows import TaskChooserSearchForm

    link_forms = (
        choosers.ExternalLinkChooserForm,
        choosers.AnchorLinkChooserForm,
        choosers.EmailLinkChooserForm,
        choosers.PhoneLinkChooserForm,
    )
    for form in link_forms:
        form.base_fields["link_text"].label = gettext_lazy("Link text")
    email = choosers.EmailLinkChooserForm.base_fields
    email["email_address"].label = gettext_lazy("Email address")
    email["subject"].label = pgettext_lazy("email link", "Subject")
    email["body"].label = pgettext_lazy("email link", "Body")
    choosers.PhoneLinkChooserForm.base_fields["phone_number"].label = gettext_lazy("Phone number")
    TaskChooserSearchForm.__init__ = _label_task_type(TaskChooserSearchForm.__init__)


def _label_task_type(init):
    def __init__(self, *args, **kwargs) -> None:
        init(self, *args, **kwargs)
        if "task_type" in self.fields:  # only with more than one task type
            self.fields["task_type"].label = gettext_lazy("Task type")

    return __init__


def label_frozen_wagtail_words() -> None:
    """Word per request the chooser and redirect labels Wagtail words when its module loads."""
    from wagtail.admin.viewsets.chooser import ChooserViewSet
    from wagtail.contrib.redirects.filters import RedirectsReportFilterSet

    ChooserViewSet.choose_one_text = gettext_lazy("Choose")
    ChooserViewSet.choose_another_text = gettext_lazy("Choose another")
    ChooserViewSet.edit_item_text = gettext_lazy("Edit")
    ChooserViewSet.search_tab_label = gettext_lazy("Search")
    ChooserViewSet.create_action_label = gettext_lazy("Create")
    kind = RedirectsReportFilterSet.base_filters["is_permanent"]
    kind.label = gettext_lazy("Type")
    kind.extra["choices"] = ((True, gettext_lazy("Permanent")), (False, gettext_lazy("Temporary")))
    kind.extra["empty_label"] = gettext_lazy("All")


# By the Wagtail source (app/template or module) that shows them.
WAGTAIL_GAPS = [
    # admin/forms/account.py
    gettext_noop("Use server language: %(language_name)s"),
    # admin/forms/pages.py
    gettext_noop('You do not have permission to publish pages at "%(page_title)s"'),
    gettext_noop("The slug '%(page_slug)s' is already in use within the parent page."),
    gettext_noop("The new page will be a child of this given parent page."),
    # admin/forms/tags.py
    gettext_noop("Tag(s) %(value_too_long)s are over %(max_tag_length)d characters."),
    # admin/models.py
    gettext_noop("Can access Wagtail admin"),
    # admin/paginator.py
    gettext_noop("item"),
    gettext_noop("items"),
    # admin/wagtailadmin/base.html
    gettext_noop("Go to the first error"),
    # admin/wagtailadmin/generic/confirm_workflow_cancellation.html
    gettext_noop(
        "This %(model_name)s is currently at <strong>%(task)s</strong> in "
        "<strong>%(workflow)s</strong>."
    ),
    gettext_noop("Publishing this %(model_name)s will cancel the current workflow."),
    # admin/wagtailadmin/generic/form.html
    gettext_noop("Actions (footer)"),
    # admin/wagtailadmin/generic/index_results.html
    gettext_noop(
        'There are no %(model_name)s to display. Why not <a href="%(add_url)s">add one</a>?'
    ),
    # admin/wagtailadmin/generic/preview_error.html
    gettext_noop(
        "Preview cannot display due to validation errors. <br /> Click save to highlight the "
        "relevant fields."
    ),
    # admin/wagtailadmin/home/account_summary.html
    gettext_noop("Wagtail %(current_version)s editor guide"),
    # admin/wagtailadmin/home/user_objects_in_workflow_moderation.html
    gettext_noop("Your pages and snippets in a workflow"),
    # admin/wagtailadmin/home/whats_new_in_wagtail_version.html
    gettext_noop("Things in Wagtail %(version)s have changed!"),
    gettext_noop(
        "Don't worry, we've got your back. Check out the <a class=\"w-whats-new__link\" "
        'href="%(editor_guide_link)s" target="_blank" rel="noreferrer">Wagtail Editor '
        "Guide</a> to get the low down on what's changed and some exciting new features!"
    ),
    # admin/wagtailadmin/notifications/task_state_approved.html
    gettext_noop(
        'The %(model_name)s "%(title)s" has been approved in moderation stage "%(task)s".'
    ),
    # admin/wagtailadmin/notifications/task_state_approved_subject.txt
    gettext_noop('The %(model_name)s "%(title)s" has been approved in "%(task)s".'),
    # admin/wagtailadmin/notifications/task_state_rejected.html
    gettext_noop(
        'The %(model_name)s "%(title)s" has been rejected in moderation stage "%(task)s".'
    ),
    # admin/wagtailadmin/notifications/task_state_rejected_subject.txt
    gettext_noop('The %(model_name)s "%(title)s" has been rejected during "%(task)s".'),
    # admin/wagtailadmin/notifications/task_state_submitted.html
    gettext_noop(
        'The %(model_name)s "%(title)s" has been submitted for approval in moderation stage '
        '"%(task)s".'
    ),
    gettext_noop("You can preview the %(model_name)s here:"),
    # admin/wagtailadmin/notifications/task_state_submitted.txt
    gettext_noop(
        'The %(model_name)s "%(title)s" has been submitted for approval to moderation stage '
        '"%(task)s".'
    ),
    # admin/wagtailadmin/notifications/task_state_submitted_subject.txt
    gettext_noop(
        'The %(model_name)s "%(title)s" has been submitted for approval in moderation stage '
        '"%(task)s"'
    ),
    # admin/wagtailadmin/notifications/workflow_state_approved.html
    gettext_noop('The %(model_name)s "%(title)s" has been approved in workflow "%(workflow)s".'),
    # admin/wagtailadmin/notifications/workflow_state_approved_subject.txt
    gettext_noop('The %(model_name)s "%(title)s" has been approved in "%(workflow)s".'),
    # admin/wagtailadmin/notifications/workflow_state_rejected.html
    gettext_noop(
        'The %(model_name)s "%(title)s" has been rejected during "%(task)s" in workflow '
        '"%(workflow)s" by %(rejector)s.'
    ),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been rejected during "%(task)s" in workflow '
        '"%(workflow)s".'
    ),
    # admin/wagtailadmin/notifications/workflow_state_rejected_subject.txt
    gettext_noop('The %(model_name)s "%(title)s" has been rejected during "%(workflow)s".'),
    # admin/wagtailadmin/notifications/workflow_state_submitted.html
    gettext_noop(
        'The %(model_name)s "%(title)s" has been submitted for moderation to workflow '
        '"%(workflow)s" by %(requester)s.'
    ),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been submitted for moderation to workflow '
        '"%(workflow)s".'
    ),
    # admin/wagtailadmin/notifications/workflow_state_submitted_subject.txt
    gettext_noop('The page "%(title)s" has been submitted to workflow "%(workflow)s"'),
    gettext_noop('The %(model_name)s "%(title)s" has been submitted to workflow "%(workflow)s"'),
    # admin/wagtailadmin/page_privacy/no_privacy.html
    gettext_noop("Changing the privacy for this page has been disabled."),
    # admin/wagtailadmin/pages/confirm_workflow_cancellation.html
    gettext_noop(
        "This page was marked as needing changes at <strong>%(task)s</strong> in "
        "<strong>%(workflow)s</strong>."
    ),
    gettext_noop(
        "This page is currently at <strong>%(task)s</strong> in <strong>%(workflow)s</strong>."
    ),
    # admin/wagtailadmin/pages/explorable_index_results.html
    gettext_noop(
        "The root level is where you can add new sites to your Wagtail installation. Pages "
        "created here will not be accessible at any URL until they are associated with a site."
    ),
    gettext_noop(
        "If you just want to add pages to an existing site, create them as children of the "
        "homepage instead."
    ),
    gettext_noop(
        "Pages created here will not be accessible at any URL. To add pages to an existing "
        "site, create them as children of the homepage."
    ),
    gettext_noop(
        "There is no site set up for this location. Pages created here will not be accessible "
        "at any URL until a site is associated with this location."
    ),
    gettext_noop(
        "There is no site record for this location. Pages created here will not be accessible "
        "at any URL."
    ),
    # admin/wagtailadmin/pages/listing/_locked_indicator.html
    gettext_noop("This page is locked, by you, to further editing"),
    # admin/wagtailadmin/pages/listing/_page_title_column_header.html
    gettext_noop(
        "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s across entire site."
    ),
    gettext_noop("No results across entire site."),
    gettext_noop("Search in '<span class=\"w-title-ellipsis\">%(title)s</span>'"),
    gettext_noop(
        "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s in '<span "
        'class="w-title-ellipsis">%(title)s</span>\'.'
    ),
    gettext_noop("No results in '<span class=\"w-title-ellipsis\">%(title)s</span>'."),
    gettext_noop("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s"),
    # admin/wagtailadmin/panels/publishing/schedule_publishing_panel.html
    gettext_noop("Choose when this %(model_name)s should go live and/or expire"),
    gettext_noop("Choose when this page should go live and/or expire"),
    gettext_noop(
        'This publishing schedule will only take effect after you select the "Schedule to '
        'publish" option'
    ),
    gettext_noop("Anyone with editing permissions can create schedules"),
    gettext_noop("But only those with publishing permissions can make them effective."),
    # admin/wagtailadmin/reports/listing/_list_unlock.html
    gettext_noop("Locked by <b>you</b> at <b>%(locking_date)s</b>"),
    gettext_noop("Locked by <b>%(locked_by)s</b> at <b>%(locking_date)s</b>"),
    # admin/wagtailadmin/shared/autosave/indicator.html
    gettext_noop("Saved"),
    gettext_noop("Autosave is paused"),
    # admin/wagtailadmin/shared/avatar.html
    gettext_noop("Edit account avatar"),
    # admin/wagtailadmin/shared/dialog/confirm_site_name.html
    gettext_noop("Please type <b>%(wagtail_site_name)s</b> to confirm."),
    # admin/wagtailadmin/shared/editing_sessions/list.html
    gettext_noop("You saved a new version in another window"),
    gettext_noop("System"),
    gettext_noop("%(user_name)s saved a new version"),
    gettext_noop("View latest version"),
    gettext_noop("You have unsaved changes in another window"),
    gettext_noop("%(user_name)s has unsaved changes"),
    gettext_noop("Currently idle"),
    gettext_noop("Currently viewing"),
    gettext_noop("Proceeding will overwrite the changes you made in that window."),
    gettext_noop("Proceeding will overwrite the changes made by %(user_name)s."),
    gettext_noop("Alternatively, you can view the latest version in a new tab."),
    # admin/wagtailadmin/shared/editing_sessions/module.html
    gettext_noop("A network error occurred"),
    gettext_noop(
        "Troubleshoot your connection to the site before proceeding. Open the editor in a "
        "separate tab to view the last saved version."
    ),
    # admin/wagtailadmin/shared/keyboard_shortcuts_dialog.html
    gettext_noop("account"),
    gettext_noop(
        "Keyboard shortcuts are currently disabled; manage your %(account_link)s to enable them."
    ),
    gettext_noop("Section"),
    gettext_noop(
        "Keyboard shortcuts are currently enabled; manage your %(account_link)s to disable them."
    ),
    # admin/wagtailadmin/shared/side_panels/checks.html
    gettext_noop("Show issue"),
    gettext_noop("Content metrics"),
    gettext_noop("Reading time"),
    gettext_noop("Readability"),
    gettext_noop("This data explained"),
    gettext_noop("How we calculate our metrics"),
    gettext_noop(
        "We extract the main content from the page preview, remove all formatting, and "
        "calculate the number of words."
    ),
    gettext_noop(
        "We calculate reading time from word count, using different reading speeds for "
        "different languages."
    ),
    gettext_noop(
        "We use a readability formula based on length of words and sentences. Long sentences "
        "and words result in a worse readability score."
    ),
    gettext_noop(
        'See our <a href="%(guide_link)s" target="_blank">content checks guide</a> for more '
        "information on how content metrics are calculated."
    ),
    # admin/wagtailadmin/shared/side_panels/includes/status/locale.html
    gettext_noop("Available in %(translations_total)s locales"),
    # admin/wagtailadmin/shared/side_panels/includes/status/locked.html
    gettext_noop("Locking: "),
    gettext_noop("Anyone can edit this %(model_name)s – lock it to prevent others from editing"),
    gettext_noop("Anyone can edit this %(model_name)s"),
    # admin/wagtailadmin/shared/side_panels/includes/status/privacy.html
    gettext_noop("Choose who can view the live version of this page"),
    # admin/wagtailadmin/shared/side_panels/includes/status/workflow.html
    gettext_noop("To be created by %(user)s"),
    gettext_noop("Invalid schedule"),
    gettext_noop("Go-live:"),
    gettext_noop("Once scheduled:"),
    # admin/wagtailadmin/shared/side_panels/preview.html
    gettext_noop("Refreshing…"),
    gettext_noop("Refresh"),
    gettext_noop("Correct the validation errors to resume preview (saving will highlight errors)"),
    # admin/wagtailadmin/shared/unsaved_changes_warning.html
    gettext_noop("Autosave is <span>paused</span>"),
    gettext_noop("Save your changes before leaving"),
    # admin/wagtailadmin/shared/usage_summary.html
    gettext_noop("One or more references to this %(model_name)s prevent it from being deleted."),
    # admin/wagtailadmin/shared/workflow_history/detail.html
    gettext_noop("Status %(status)s"),
    gettext_noop("%(action)s by <b>%(who)s</b> at <b>%(at)s</b>"),
    gettext_noop("%(action)s at <b>%(at)s</b>"),
    gettext_noop("%(action)s by <b>%(who)s</b>"),
    # admin/wagtailadmin/shared/workflow_history/listing_results.html
    gettext_noop("This %(model_name)s hasn't been submitted for moderation yet"),
    # admin/wagtailadmin/skeleton.html
    gettext_noop(
        "JavaScript is required to use Wagtail, but it is currently disabled.<br /> Here are "
        'the <a href="https://www.enable-javascript.com/" target="_blank" '
        'rel="noreferrer">instructions how to enable JavaScript in your web browser</a>.'
    ),
    # admin/wagtailadmin/tables/ordering_cell.html
    gettext_noop("Item %(index)s of %(total)s"),
    # admin/wagtailadmin/tables/ordering_header.html
    gettext_noop("Disable custom ordering"),
    gettext_noop("Enable custom ordering"),
    # admin/wagtailadmin/userbar/item_content_checker.html
    gettext_noop("Checks"),
    # admin/wagtailadmin/workflows/confirm_delete.html
    gettext_noop(
        "This workflow is currently in progress on %(workflow_states_in_progress)s pages. "
        "Deleting this workflow will cancel moderation on these page. Are you sure you want to "
        "delete this workflow?"
    ),
    # admin/wagtailadmin/workflows/create.html
    gettext_noop("Assign your workflow to snippets"),
    # admin/wagtailadmin/workflows/edit.html
    gettext_noop("This workflow is disabled so it cannot be assigned to any snippets."),
    # admin/wagtailadmin/workflows/task_chooser/includes/results.html
    gettext_noop(
        'Why not <a class="create-one-now" href="#tab-new" '
        'data-action="w-tabs#select:prevent" data-w-tabs-target="trigger" '
        'data-w-tabs-focus-param="true">create one now</a>?'
    ),
    # admin/wagtailadmin/workflows/workflow_status.html
    gettext_noop("Cancelled by %(cancelled_by)s"),
    # admin/templatetags/wagtailadmin_tags.py
    gettext_noop("More bulk actions"),
    gettext_noop("at %(time)s by %(user_display_name)s"),
    gettext_noop("at %(time)s"),
    gettext_noop("%(time)s by %(user_display_name)s"),
    gettext_noop("%(time_period)s ago by %(user_display_name)s"),
    gettext_noop("Changes requested %(finished_at)s"),
    gettext_noop("Sent to %(task_name)s %(started_at)s"),
    gettext_noop("%(status_display)s %(task_name)s %(started_at)s"),
    gettext_noop("Application"),
    gettext_noop("Show keyboard shortcuts"),
    gettext_noop("Toggle minimap"),
    gettext_noop("Close modal dialogs (like this one)"),
    gettext_noop("Save changes"),
    gettext_noop("Add or show comments"),
    gettext_noop("Text editing"),
    gettext_noop("Cut"),
    gettext_noop("Paste"),
    gettext_noop("Paste and match style"),
    gettext_noop("Paste without formatting"),
    gettext_noop("Text formatting"),
    gettext_noop("Insert or edit a link"),
    gettext_noop("Monospace (code)"),
    gettext_noop("Strike-through"),
    # admin/ui/side_panels.py
    gettext_noop("Toggle checks"),
    # admin/ui/tables/__init__.py
    gettext_noop("Sort by '%(label)s' in ascending order."),
    gettext_noop("Sort by '%(label)s' in descending order."),
    gettext_noop("(blank)"),
    # admin/ui/tables/orderable.py
    gettext_noop("'%(page_title)s' has been moved successfully."),
    gettext_noop(
        "Focus on the drag button and press up or down arrows to move the item, then press "
        "enter to submit the change."
    ),
    # admin/userbar.py
    gettext_noop("Button text is empty"),
    gettext_noop("Use meaningful text for screen reader users"),
    gettext_noop("Empty heading found"),
    gettext_noop("Table header text is empty"),
    gettext_noop("Empty frame title found"),
    gettext_noop("Use a meaningful title for screen reader users"),
    gettext_noop("Incorrect heading hierarchy"),
    gettext_noop("Avoid skipping levels"),
    gettext_noop("Input button text is empty"),
    gettext_noop("Link text is empty"),
    gettext_noop("Misusing paragraphs as headings"),
    gettext_noop("Use proper heading tags"),
    gettext_noop("Image alt text has inappropriate pattern"),
    gettext_noop("Use meaningful text"),
    gettext_noop("Meta description is empty"),
    gettext_noop("Add a concise description for search engines"),
    # admin/views/account.py
    gettext_noop("Theme preferences"),
    # admin/views/generic/base.py
    gettext_noop("No %(model_name)s match your query."),
    # admin/views/generic/lock.py
    gettext_noop("%(model_name)s '%(title)s' is now unlocked."),
    # admin/views/generic/mixins.py
    gettext_noop("%(model_name)s '%(object)s' has been scheduled for publishing."),
    gettext_noop("%(model_name)s '%(object)s' created and scheduled for publishing."),
    gettext_noop(
        "%(model_name)s '%(object)s' is live and this version has been scheduled for publishing."
    ),
    gettext_noop("%(model_name)s '%(object)s' updated and published."),
    gettext_noop("%(model_name)s '%(object)s' created and published."),
    gettext_noop("%(model_name)s '%(object)s' has been submitted for moderation."),
    gettext_noop("%(model_name)s '%(object)s' created and submitted for moderation."),
    gettext_noop("Workflow on %(model_name)s '%(object)s' has been restarted."),
    gettext_noop("Workflow on %(model_name)s '%(object)s' has been cancelled."),
    gettext_noop("Saving will overwrite a newer version."),
    gettext_noop("The %(model_name)s could not be saved as it is locked"),
    gettext_noop(
        "You are viewing a previous version of this %(model_name)s from <b>%(created_at)s</b> "
        "by %(user)s"
    ),
    gettext_noop("%(model_name)s '%(object)s' has been replaced with version from %(timestamp)s."),
    gettext_noop("Version from %(timestamp)s of %(model_name)s '%(object)s' has been published."),
    gettext_noop(
        "Version from %(timestamp)s of %(model_name)s '%(object)s' has been scheduled for "
        "publishing."
    ),
    # admin/views/generic/models.py
    gettext_noop("Sort item order"),
    gettext_noop("New: %(model_name)s"),
    gettext_noop("There are validation errors, click save to highlight them."),
    gettext_noop("Compare"),
    # admin/views/generic/preview.py
    gettext_noop("Preview for %(block_label)s (%(block_type)s)"),
    # admin/views/generic/usage.py
    gettext_noop("If you confirm deletion"),
    gettext_noop("(Private %(object)s)"),
    # admin/views/generic/workflow.py
    gettext_noop("The %(model_name)s '%(title)s' is not currently awaiting moderation."),
    gettext_noop(
        "The %(model_name)s '%(title)s' is not currently awaiting moderation in task "
        "'%(task_name)s'."
    ),
    # admin/views/home.py
    gettext_noop("Search all pages…"),
    # admin/views/page_privacy.py
    gettext_noop("Privacy is inherited from the ancestor page - %(ancestor_page)s"),
    # admin/views/pages/bulk_actions/delete.py
    gettext_noop("%(parent_pages)s and %(child_pages)s have been deleted"),
    # admin/views/pages/bulk_actions/publish.py
    gettext_noop("%(parent_pages)s and %(child_pages)s have been published"),
    # admin/views/pages/bulk_actions/unpublish.py
    gettext_noop("%(parent_pages)s and %(child_pages)s have been unpublished"),
    # admin/views/pages/choose_parent.py
    gettext_noop("Choose parent"),
    gettext_noop("Create a new %(model_name)s"),
    # admin/views/pages/create.py
    gettext_noop("The page could not be created due to validation errors."),
    # admin/views/pages/edit.py
    gettext_noop("The page could not be saved as it is locked."),
    gettext_noop("The page could not be saved due to validation errors."),
    # admin/views/pages/history.py
    gettext_noop("Is commenting action"),
    # admin/views/pages/listing.py
    gettext_noop("Date updated"),
    gettext_noop("Edited by"),
    gettext_noop("Has child pages"),
    gettext_noop("Any"),
    # admin/views/pages/move.py
    gettext_noop(
        "The slug '%(page_slug)s' is already in use at the selected parent page. Make sure the "
        "slug is unique and try again."
    ),
    # admin/views/pages/preview.py
    gettext_noop("Placeholder title"),
    # admin/views/pages/usage.py
    gettext_noop("Page types usage"),
    # admin/views/reports/locked_pages.py
    gettext_noop("Locked by"),
    gettext_noop("Anyone"),
    # admin/views/reports/workflows.py
    gettext_noop("By task"),
    gettext_noop("By workflow"),
    # admin/views/workflows.py
    gettext_noop("Show disabled"),
    # admin/wagtail_hooks.py
    gettext_noop("Shortcuts"),
    # contrib/forms/forms.py
    gettext_noop(
        "The name '%(duplicate_clean_name)s' is already assigned to this field and cannot be "
        "changed. Please enter a different label for the conflicting field."
    ),
    gettext_noop(
        "Field name '%(duplicate_clean_name)s' conflicts with another field. Please change the "
        "label."
    ),
    # contrib/forms/models.py
    gettext_noop(
        "Comma or new line separated list of choices. Only applicable in checkboxes, radio and "
        "dropdown."
    ),
    gettext_noop("Default value. Comma or new line separated values supported for checkboxes."),
    # admin/views/pages/listing.py
    gettext_noop("Page type"),
    # contrib/redirects/wagtailredirects/choose_import_file.html
    gettext_noop(
        "<p>Select a file where redirects are separated into rows and contains the columns "
        "representing <code>from</code> and <code>to</code> (they can be named anything).</p> "
        "<p>After submitting you will be taken to a confirmation view where you can customize "
        "your redirects before import.</p>"
    ),
    # contrib/redirects/views.py
    gettext_noop('File format of type "%(extension)s" is not supported.'),
    gettext_noop("Imported file has a wrong encoding: %(error_message)s."),
    gettext_noop("%(error)s encountered while trying to read file: %(filename)s."),
    # contrib/simple_translation/models.py
    gettext_noop("Can submit translations"),
    # documents/fields.py
    gettext_noop("Maximum filesize: %(max_upload_size)s."),
    # documents/views/documents.py
    gettext_noop("The document could not be created due to errors."),
    gettext_noop("The file could not be found. Please change the source or delete the document."),
    # images/fields.py
    gettext_noop("unknown number"),
    # images/wagtailimages/chooser/chooser.html
    gettext_noop("Layout"),
    # images/wagtailimages/chooser/results.html
    gettext_noop("You haven't uploaded any images."),
    # documents/wagtaildocs/chooser/results.html
    gettext_noop(
        'Why not <a class="upload-one-now" href="#tab-upload" '
        'data-action="w-tabs#select:prevent" data-w-tabs-target="trigger" '
        'data-w-tabs-focus-param="true">upload one now</a>?'
    ),
    # images/wagtailimages/images/edit.html
    gettext_noop("Image focal point"),
    # images/wagtailimages/images/layout_toggle_button.html
    gettext_noop("Grid layout"),
    gettext_noop("List layout"),
    # images/wagtailimages/multiple/add.html
    gettext_noop(
        "Please provide an image description to comply with best practices for accessibility."
    ),
    gettext_noop(
        "Upload successful. However, your new image seems to be a duplicate of this existing "
        "image. You may delete it if it wasn't required."
    ),
    # images/views/images.py
    gettext_noop("Oldest"),
    gettext_noop("Usage count: (low to high)"),
    gettext_noop("Usage count: (high to low)"),
    gettext_noop("Generate URL"),
    gettext_noop("The filter options you have selected are not valid."),
    # core/blocks/field_block.py
    gettext_noop("- Select an option -"),
    # core/coreutils.py
    gettext_noop("Unknown content type"),
    # core/fields.py
    gettext_noop("Date cannot be in the future."),
    # core/locks.py
    gettext_noop("No one can make changes while the %(model_name)s is locked"),
    gettext_noop("<b>'{title}' was locked</b> by <b>you</b> on <b>{datetime}</b>."),
    gettext_noop("<b>'{title}' is locked</b> by <b>you</b>."),
    gettext_noop("<b>'{title}' was locked</b> by <b>{user}</b> on <b>{datetime}</b>."),
    gettext_noop("<b>'{title}' is locked</b>."),
    gettext_noop("Locked by you"),
    gettext_noop("Locked by another user"),
    gettext_noop("Only you can make changes while the %(model_name)s is locked"),
    gettext_noop("Only %(user)s can make changes while the %(model_name)s is locked"),
    gettext_noop("This %(model_name)s is currently awaiting moderation."),
    gettext_noop(
        "This {model_name} is awaiting <b>'{task_name}'</b> in the <b>'{workflow_name}'</b> "
        "workflow."
    ),
    gettext_noop("Only reviewers for this task can edit the %(model_name)s."),
    gettext_noop("Locked by workflow"),
    gettext_noop(
        "Reviewers can edit this %(model_name)s – lock it to prevent other reviewers from editing"
    ),
    gettext_noop("Only reviewers can edit and approve the %(model_name)s"),
    gettext_noop(
        "{model_name} '{title}' is locked and has been scheduled to go live at {datetime}"
    ),
    gettext_noop("Locked by schedule"),
    gettext_noop("Currently locked and will go live on the scheduled date"),
    # core/models/i18n.py
    gettext_noop("locale"),
    # core/models/media.py
    gettext_noop("for content type"),
    # core/models/pages.py
    gettext_noop(
        "The slug '%(page_slug)s' is already in use within the parent page at "
        "'%(parent_url_path)s'."
    ),
    gettext_noop("Cannot overwrite a revision that is not the latest for this %(model_name)s."),
    gettext_noop("Cannot overwrite a revision that was not created by the current user."),
    # core/models/reference_index.py
    gettext_noop("the %(model_name)s will also be deleted"),
    gettext_noop("prevents deletion"),
    gettext_noop("will be set to the default %(model_name)s"),
    gettext_noop("will do nothing"),
    gettext_noop("may prevent deletion"),
    gettext_noop("will be set to a %(model_name)s specified by the system"),
    gettext_noop("will unset the reference"),
    # core/models/sites.py
    gettext_noop("group site permission"),
    gettext_noop("group site permissions"),
    # core/models/view_restrictions.py
    gettext_noop("Private, accessible with a shared password"),
    gettext_noop("Private, accessible to any logged-in users"),
    gettext_noop("shared password"),
    gettext_noop(
        "Shared passwords should not be used to protect sensitive content. Anyone who has this "
        "password will be able to view the content."
    ),
    # core/models/workflows.py
    gettext_noop(
        "There may only be one in progress or needs changes workflow state per page/snippet."
    ),
    gettext_noop("Workflow '%(workflow_name)s' on %(model_name)s '%(title)s': %(status)s"),
    gettext_noop(
        "Active workflows can be added to pages/snippets. Deactivating a workflow does not "
        "remove it from existing pages/snippets."
    ),
    gettext_noop(
        "Pages/snippets at this step in a workflow will be moderated or approved by these "
        "groups of users"
    ),
    gettext_noop("Task '%(task_name)s' on Revision '%(revision_info)s': %(status)s"),
    # core/wagtail_hooks.py
    gettext_noop("%(model_name)s scheduled for publishing at %(go_live_at)s"),
    gettext_noop("%(model_name)s scheduled for publishing"),
    gettext_noop("%(model_name)s unscheduled for publishing at %(go_live_at)s"),
    gettext_noop("%(model_name)s unscheduled from publishing"),
    gettext_noop("Removed the '%(restriction)s' view restriction. The page is public."),
    gettext_noop("Resubmitted '%(task)s'. Workflow resumed"),
    # locales/views.py
    gettext_noop("%(num_pages)d pages and %(num_others)d others"),
    # snippets/wagtailsnippets/chooser/results.html
    gettext_noop(
        "You haven't created any %(snippet_type_name)s snippets. Why not <a "
        'href="%(wagtailsnippets_create_snippet_url)s" target="_blank" '
        'rel="noreferrer">create one now</a>?'
    ),
    # admin/wagtailadmin/pages/action_menu/publish.html
    gettext_noop("Scheduling…"),
    gettext_noop("Schedule to publish"),
    # admin/views/pages/create.py
    gettext_noop("Request to create %(model_name)s was blocked by hook."),
    # admin/views/pages/edit.py
    gettext_noop("Request to edit %(model_name)s was blocked by hook."),
    # users/forms.py
    gettext_noop("Required. Letters, digits and @/./+/-/_ only."),
    # users/models.py
    gettext_noop("admin theme"),
    gettext_noop("More contrast"),
    gettext_noop("contrast"),
    gettext_noop("Snug"),
    gettext_noop("density"),
    gettext_noop("Enable custom keyboard shortcuts specific to Wagtail."),
    # users/wagtailusers/groups/includes/formatted_permissions.html
    gettext_noop("Toggle all change permissions"),
    gettext_noop("Toggle all delete permissions"),
    gettext_noop("Toggle all custom permissions"),
    # users/templatetags/wagtailusers_tags.py
    gettext_noop("Can view"),
]

WAGTAIL_PLURAL_GAPS = [
    # admin/wagtailadmin/generic/revisions/compare.html
    ngettext_lazy("Moved down 1 place.", "Moved down %(counter)s places."),
    ngettext_lazy("Moved up 1 place.", "Moved up %(counter)s places."),
    # admin/wagtailadmin/home/site_summary_pages.html
    ngettext_lazy(
        '%(total)s Page <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Pages <span class="w-sr-only">created in %(site_name)s</span>',
    ),
    # admin/wagtailadmin/pages/confirm_delete.html
    ngettext_lazy(
        "Deleting this page will also delete %(descendant_count)s child page.",
        "Deleting this page will also delete %(descendant_count)s more child pages.",
    ),
    ngettext_lazy(
        "It will also delete 1 translation and its combined %(translation_descendant_count)s "
        "translated child page.",
        "It will also delete 1 translation and its combined %(translation_descendant_count)s "
        "translated child pages.",
    ),
    ngettext_lazy(
        "It will also delete %(translation_count)s translations and their combined "
        "%(translation_descendant_count)s translated child page.",
        "It will also delete %(translation_count)s translations and their combined "
        "%(translation_descendant_count)s translated child pages.",
    ),
    ngettext_lazy(
        "It will also delete %(translation_count)s translation.",
        "It will also delete %(translation_count)s translations.",
    ),
    ngettext_lazy(
        "Deleting this page will also delete 1 translation and its combined "
        "%(translation_descendant_count)s translated child page.",
        "Deleting this page will also delete 1 translation and its combined "
        "%(translation_descendant_count)s translated child pages.",
    ),
    ngettext_lazy(
        "Deleting this page will also delete %(translation_count)s translations and their "
        "combined %(translation_descendant_count)s translated child page.",
        "Deleting this page will also delete %(translation_count)s translations and their "
        "combined %(translation_descendant_count)s translated child pages.",
    ),
    ngettext_lazy(
        "Deleting this page will also delete %(translation_count)s translation of this page.",
        "This will also delete %(descendant_count)s more child pages. Deleting this page will "
        "also delete %(translation_count)s translations of this page.",
    ),
    # admin/wagtailadmin/pages/confirm_move.html
    ngettext_lazy(
        "This will also move one translation of this page and its child pages",
        "This will also move %(translations_to_move_count)s translations of this page and their "
        "child pages",
    ),
    # admin/wagtailadmin/pages/confirm_unpublish.html
    ngettext_lazy(
        "This will also unpublish one translation of the page.",
        "This will also unpublish all %(translation_count)s translations of the page.",
    ),
    ngettext_lazy(
        "This page has one subpage and its translations have a combined one translated child "
        "page. Unpublish these too",
        "This page has %(live_descendant_count)s child pages and its translations have a "
        "combined one translated child page. Unpublish these too",
    ),
    ngettext_lazy(
        "This page has one child page and its translations have a combined "
        "%(translation_descendant_count)s translated child pages. Unpublish these too",
        "This page has %(live_descendant_count)s child pages and its translations have a "
        "combined %(translation_descendant_count)s translated child pages. Unpublish these too",
    ),
    ngettext_lazy(
        "This page has one subpage. Unpublish this too",
        "This page has %(live_descendant_count)s subpages. Unpublish these too",
    ),
    # admin/wagtailadmin/pages/search_results.html
    ngettext_lazy("There is one matching page", "There are %(counter)s matching pages"),
    # admin/wagtailadmin/shared/dialog/confirm_site_name.html
    ngettext_lazy(
        "This action will delete <b>%(total_pages_formatted)s</b> page in total.",
        "This action will delete <b>%(total_pages_formatted)s</b> pages in total.",
    ),
    # admin/wagtailadmin/shared/editing_sessions/list.html
    ngettext_lazy(
        "One other user is currently viewing",
        "%(num_user)s other users are currently viewing",
    ),
    # admin/wagtailadmin/shared/usage_summary.html
    ngettext_lazy(
        "This %(model_name)s is referenced %(usage_count)s time.",
        "This %(model_name)s is referenced %(usage_count)s times.",
    ),
    # admin/wagtailadmin/workflows/includes/workflow_used_by_cell.html
    ngettext_lazy("1 snippet type", "%(counter)s snippet types"),
    # admin/ui/side_panels.py
    ngettext_lazy("Referenced %(count)s time", "Referenced %(count)s times"),
    # admin/views/pages/bulk_actions/delete.py
    ngettext_lazy(
        "%(num_parent_objects)d page has been deleted",
        "%(num_parent_objects)d pages have been deleted",
    ),
    # admin/views/pages/bulk_actions/page_bulk_action.py
    ngettext_lazy("%(num_parent_objects)d page", "%(num_parent_objects)d pages"),
    ngettext_lazy("%(num_child_objects)d child page", "%(num_child_objects)d child pages"),
    # admin/views/pages/bulk_actions/publish.py
    ngettext_lazy(
        "%(num_parent_objects)d page has been published",
        "%(num_parent_objects)d pages have been published",
    ),
    # admin/views/pages/bulk_actions/unpublish.py
    ngettext_lazy(
        "%(num_parent_objects)d page has been unpublished",
        "%(num_parent_objects)d pages have been unpublished",
    ),
    # admin/views/workflows.py
    ngettext_lazy(
        "This workflow is in progress on %(states_in_progress)d page/snippet. Disabling this "
        "workflow will cancel moderation on this page/snippet.",
        "This workflow is in progress on %(states_in_progress)d pages/snippets. Disabling this "
        "workflow will cancel moderation on these pages/snippets.",
    ),
    ngettext_lazy(
        "This task is in progress on %(states_in_progress)d page/snippet. Disabling this task "
        "will cause it to be skipped in the moderation workflow and not be listed for selection "
        "when editing a workflow.",
        "This task is in progress on %(states_in_progress)d pages/snippets. Disabling this task "
        "will cause it to be skipped in the moderation workflow and not be listed for selection "
        "when editing a workflow.",
    ),
    # contrib/forms/wagtailforms/confirm_delete.html
    ngettext_lazy(
        "Are you sure you want to delete this form submission?",
        "Are you sure you want to delete these form submissions?",
    ),
    # contrib/simple_translation/forms.py
    ngettext_lazy(
        "Include subtree (%(descendant_count)s page)",
        "Include subtree (%(descendant_count)s pages)",
    ),
    # documents/wagtaildocs/homepage/site_summary_documents.html
    ngettext_lazy(
        '%(total)s Document <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Documents <span class="w-sr-only">created in %(site_name)s</span>',
    ),
    # images/wagtailimages/homepage/site_summary_images.html
    ngettext_lazy(
        '%(total)s Image <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Images <span class="w-sr-only">created in %(site_name)s</span>',
    ),
    # locales/views.py
    ngettext_lazy("%(num_pages)d page", "%(num_pages)d pages"),
]
