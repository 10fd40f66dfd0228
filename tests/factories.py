import datetime as dt

import factory

from mpp.catalog.models import DocumentType, Product, Requirement, Service, ServiceStandard
from mpp.tenancy.models import Agency, Counter, Membership, OpeningHours, Site, User


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    name = factory.Sequence(lambda n: f"Mal Pelayanan Publik {n}")
    slug = factory.Sequence(lambda n: f"mpp-{n}")
    region_code = "62.03"
    address = "Jl. Contoh No. 1"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Dinas Contoh {n}")
    short_name = factory.Sequence(lambda n: f"Dinas {n}")
    slug = factory.Sequence(lambda n: f"dinas-{n}")
    kind = Agency.Kind.PEMDA

    @factory.post_generation
    def sites(self, create, extracted, **kwargs):
        if create and extracted:
            self.sites.add(*extracted)


class CounterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Counter

    site = factory.SubFactory(SiteFactory)
    agency = factory.SubFactory(AgencyFactory)
    number = factory.Sequence(lambda n: str(n + 1))


class HoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningHours

    site = factory.SubFactory(SiteFactory)
    weekday = 0
    opens_at = dt.time(8)
    closes_at = dt.time(15)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    is_staff = True
    password = factory.django.Password("rahasia-panjang-123")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    site = factory.SubFactory(SiteFactory)
    role = "manager"


class DocumentTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentType

    name = factory.Sequence(lambda n: f"Dokumen {n}")


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Layanan {n}")
    slug = factory.Sequence(lambda n: f"layanan-{n}")


class StandardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceStandard

    service = factory.SubFactory(ServiceFactory)
    version = 1
    status = ServiceStandard.Status.DRAFT
    procedure = "1. Ambil nomor antrean.\n2. Serahkan berkas."
    completion_time = 10
    complaints = "Loket pengaduan MPP."


class RequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Requirement

    standard = factory.SubFactory(StandardFactory)
    document_type = factory.SubFactory(DocumentTypeFactory)


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    standard = factory.SubFactory(StandardFactory)
    document_type = factory.SubFactory(DocumentTypeFactory)
