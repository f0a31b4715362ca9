"""StreamField blocks shared by the public pages."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock


class CalloutBlock(blocks.StructBlock):
    """A highlighted notice: a heading and a short rich text."""

    heading = blocks.CharBlock(label=_("Heading"))
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link"])

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "cms/blocks/callout.html"


class LinkBlock(blocks.StructBlock):
    """A labelled link to a page or an address."""

    label = blocks.CharBlock(label=_("Label"))
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Web address"), required=False)

    class Meta:
        icon = "link"
        label = _("Link")
        template = "cms/blocks/link.html"


class BodyBlock(blocks.StreamBlock):
    """The body of a standard, news, event or home page."""

    heading = blocks.CharBlock(
        label=_("Section heading"), form_classname="title", template="cms/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(label=_("Paragraph"))
    image = ImageBlock(label=_("Image"))
    quote = blocks.BlockQuoteBlock(label=_("Quote"))
    callout = CalloutBlock()
    links = blocks.ListBlock(LinkBlock(), label=_("Links"), template="cms/blocks/links.html")
    document = DocumentChooserBlock(label=_("Document"), template="cms/blocks/document.html")
    table = blocks.ListBlock(
        blocks.ListBlock(blocks.CharBlock(required=False), label=_("Row")),
        label=_("Table (first row is the header)"),
        template="cms/blocks/table.html",
    )
