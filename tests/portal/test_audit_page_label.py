"""The audit trail's "page" detail reads as a page number without renaming Wagtail's "Page"."""

from django.utils import translation

from portal.audit.actions import DETAIL_FIELDS


def test_audit_page_detail_reads_as_page_number_in_chinese():
    with translation.override("zh-hans"):
        assert str(DETAIL_FIELDS["page"]) == "页码"


def test_wagtail_page_label_is_not_the_audit_page_number():
    with translation.override("zh-hans"):
        assert translation.gettext("Page") != "页码"
