"""Factories for matching: offer documents, person profiles, and a helper that indexes them."""

import factory

from matching.backends import get_backend
from matching.indexing import Enricher
from matching.types import Need, OfferDocument, PersonProfile

# Zhongyuan district of Zhengzhou, and Jinshui district ~5 km away, and Luoyang ~110 km away.
ZHONGYUAN = ("410102", 34.748, 113.612)
JINSHUI = ("410105", 34.776, 113.660)
LUOYANG = ("410302", 34.683, 112.454)


class OfferDocumentFactory(factory.Factory):
    class Meta:
        model = OfferDocument

    kind = "service"
    source_id = factory.Sequence(lambda n: n + 1)
    key = factory.LazyAttribute(lambda o: f"{o.kind}:{o.source_id}")
    title = factory.Sequence(lambda n: f"社区服务项目{n}")
    text = "为社区矫正对象提供帮扶服务。"
    url = factory.LazyAttribute(lambda o: f"/services/{o.source_id}/")
    provider_name = "河南阳光社会工作服务中心"
    categories = ("psychological-counseling",)
    jurisdiction_code = ZHONGYUAN[0]
    latitude = ZHONGYUAN[1]
    longitude = ZHONGYUAN[2]


class PersonProfileFactory(factory.Factory):
    class Meta:
        model = PersonProfile

    gender = "male"
    age = 35
    is_juvenile = False
    correction_type = "probation"
    supervision_level = "ordinary"
    jurisdiction_code = ZHONGYUAN[0]
    latitude = ZHONGYUAN[1]
    longitude = ZHONGYUAN[2]
    needs = (Need("psychological-counseling", 5),)


def index_documents(*documents: OfferDocument) -> None:
    """Put documents straight into the configured backend, as the indexing tasks would."""
    enrich = Enricher()
    get_backend().upsert([enrich(document) for document in documents])
