from wagtail.snippets.models import register_snippet

from employment.viewsets import JobFairViewSet

register_snippet(JobFairViewSet)
