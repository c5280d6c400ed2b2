"""Factories for the portal's models; page factories always take an explicit ``parent``."""

import datetime

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory

from home.models import HomePage
from investment.models import InvestmentIndexPage
from procedures.models import ProcedureIndexPage
from sections.models import (
    ArticlePage,
    ContactPage,
    Department,
    DocumentType,
    Issuer,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    NewsIndexPage,
    Question,
    QuestionIndexPage,
    SectionPage,
    SitemapPage,
    StandardPage,
    Topic,
)


def vi_home():
    return HomePage.objects.get(locale__language_code="vi")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.vn")
    password = factory.PostGenerationMethodCall("set_password", "secret-pass-123")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*extracted)


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"D{n}")
    name_vi = factory.LazyAttribute(lambda o: f"Phòng {o.code}")
    name_en = factory.LazyAttribute(lambda o: f"Department {o.code}")


class CatalogueFactory(DjangoModelFactory):
    slug = factory.Sequence(lambda n: f"muc-{n}")
    name_vi = factory.Sequence(lambda n: f"Mục {n}")


class DocumentTypeFactory(CatalogueFactory):
    class Meta:
        model = DocumentType
        django_get_or_create = ("slug",)


class IssuerFactory(CatalogueFactory):
    class Meta:
        model = Issuer
        django_get_or_create = ("slug",)


class TopicFactory(CatalogueFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)


class SectionFactoryMixin(wagtail_factories.PageFactory):
    department = factory.SubFactory(DepartmentFactory)

    class Meta:
        abstract = True


class SectionPageFactory(SectionFactoryMixin):
    title = factory.Sequence(lambda n: f"Chuyên mục {n}")

    class Meta:
        model = SectionPage


class NewsIndexPageFactory(SectionFactoryMixin):
    title = "Tin tức - Sự kiện"

    class Meta:
        model = NewsIndexPage


class LegalDocumentIndexPageFactory(SectionFactoryMixin):
    title = "Văn bản"

    class Meta:
        model = LegalDocumentIndexPage


class QuestionIndexPageFactory(SectionFactoryMixin):
    title = "Hỏi đáp"

    class Meta:
        model = QuestionIndexPage


class ContactPageFactory(SectionFactoryMixin):
    title = "Liên hệ"

    class Meta:
        model = ContactPage


class SitemapPageFactory(SectionFactoryMixin):
    title = "Sơ đồ cổng thông tin"

    class Meta:
        model = SitemapPage


class ProcedureIndexPageFactory(SectionFactoryMixin):
    title = "Thủ tục hành chính"

    class Meta:
        model = ProcedureIndexPage


class InvestmentIndexPageFactory(SectionFactoryMixin):
    title = "Xúc tiến đầu tư"

    class Meta:
        model = InvestmentIndexPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Tin bài số {n}")
    summary = "Tóm tắt tin bài."
    date = factory.LazyFunction(datetime.date.today)
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Nội dung tin bài.</p>")])

    class Meta:
        model = ArticlePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Trang {n}")

    class Meta:
        model = StandardPage


class LegalDocumentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Văn bản số {n}")
    number = factory.Sequence(lambda n: f"{n}/QĐ-BQLKKT")
    document_type = factory.SubFactory(DocumentTypeFactory)
    issuer = factory.SubFactory(IssuerFactory)
    issue_date = datetime.date(2024, 1, 15)

    class Meta:
        model = LegalDocumentPage


class QuestionFactory(DjangoModelFactory):
    asker_name = "Nguyễn Văn Bình"
    email = "binh@example.vn"
    title = factory.Sequence(lambda n: f"Câu hỏi {n}")
    question = "Thủ tục đăng ký đầu tư vào khu công nghiệp gồm những gì?"

    class Meta:
        model = Question
