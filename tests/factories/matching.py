"""Factories for matching: offer documents, person profiles, referrals, and a helper that
indexes documents."""

from dataclasses import replace

import factory
from factory.django import DjangoModelFactory

from matching.backends import get_backend
from matching.indexing import Enricher
from matching.models import Category, Referral, ReferralState
from matching.registry import OfferSource, register, sources, unregister
from matching.services import capacity_set
from matching.types import Need, OfferDocument, PersonProfile, ThingsToBring

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


class ReferralFactory(DjangoModelFactory):
    """A referral as the marketplace holds it: a person code and the consented snapshot. The
    state is set directly; tests of the table go through `referral_transition`."""

    class Meta:
        model = Referral

    person_code = factory.Sequence(lambda n: f"RF{n:08d}")
    offer_key = factory.Sequence(lambda n: f"service:{n + 1000}")
    offer_title = "心理疏导小组"
    offer_kind = "service"
    provider_name = "河南阳光社会工作服务中心"
    need_category = factory.LazyFunction(
        lambda: Category.objects.get(slug="psychological-counseling")
    )
    shared_fields = factory.LazyFunction(lambda: ["first_name"])
    shared_values = factory.LazyFunction(lambda: {"first_name": "小明"})
    state = ReferralState.DRAFT


class _Query:
    def __init__(self, obj):
        self.obj = obj

    def first(self):
        return self.obj


class _Manager:
    def __init__(self, store):
        self.store = store

    def filter(self, pk):
        return _Query(self.store.get(pk))


class _TestOffer:
    """An offer object of a test source: the registry reads it like a model instance."""

    def __init__(self, document, things=None):
        self.pk = document.source_id
        self.document = document
        self.things = things or ThingsToBring()


class OfferBook:
    """Offers of any kind, declared through the matching registry and indexed like real ones."""

    def __init__(self):
        self.store: dict[int, _TestOffer] = {}
        self.previous: dict[str, OfferSource | None] = {}

    def _source(self, kind: str) -> None:
        if kind in self.previous:
            return
        self.previous[kind] = sources().get(kind)
        model = type(f"TestOffer_{kind}", (_TestOffer,), {"_default_manager": _Manager(self.store)})
        register(
            OfferSource(
                kind=kind,
                model=model,
                queryset=lambda: [o for o in self.store.values() if o.document.kind == kind],
                to_document=lambda obj: obj.document,
                things_to_bring=lambda obj: obj.things,
            )
        )

    def add(self, *, seats: int | None = None, things: ThingsToBring | None = None, **fields):
        document = OfferDocumentFactory(**fields)
        self._source(document.kind)
        self.store[document.source_id] = _TestOffer(document, things)
        index_documents(document)
        if seats is not None:
            capacity_set(offer_key=document.key, seats_total=seats)
        return document

    def change(self, document, **fields):
        changed = replace(document, **fields)
        self.store[document.source_id] = _TestOffer(changed, self.store[document.source_id].things)
        index_documents(changed)
        return changed

    def bring(self, document, things: ThingsToBring) -> None:
        """Change what an offer asks a referred person to bring (as its provider's edit would)."""
        self.store[document.source_id].things = things

    def restore(self) -> None:
        for kind, source in self.previous.items():
            unregister(kind)
            if source is not None:
                register(source)
