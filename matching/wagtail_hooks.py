from wagtail.snippets.models import register_snippet

from matching.viewsets import CategoryViewSet

register_snippet(CategoryViewSet)
