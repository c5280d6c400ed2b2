"""Hỏi đáp: questions from citizens and businesses, stored, answered by staff, public once answered."""

from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.search import index

from home.forms_protection import client_address
from home.text import clean_query

from .pages import SECTION_PARENTS, SectionBase, paginate


class QuestionQuerySet(models.QuerySet):
    def published(self):
        """Only answered questions are public; the answer must not be empty."""
        return self.filter(status=Question.Status.ANSWERED).exclude(answer="")


class Question(index.Indexed, models.Model):
    """A question sent through the Q&A form. Nothing the visitor typed is lost or published unanswered."""

    class Status(models.TextChoices):
        NEW = "new", _("Chờ trả lời")
        ANSWERED = "answered", _("Đã trả lời (công khai)")
        HIDDEN = "hidden", _("Không công khai")

    asker_name = models.CharField(_("họ và tên người hỏi"), max_length=150)
    email = models.EmailField(_("thư điện tử"))
    phone = models.CharField(_("điện thoại"), max_length=32, blank=True)
    organisation = models.CharField(_("tổ chức / doanh nghiệp"), max_length=255, blank=True)
    title = models.CharField(_("tiêu đề"), max_length=255)
    question = models.TextField(_("nội dung câu hỏi"), max_length=5000)
    submitted_at = models.DateTimeField(_("ngày gửi"), default=timezone.now)
    language = models.CharField(_("ngôn ngữ"), max_length=10, default="vi")
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.NEW)
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    answered_by = models.CharField(_("đơn vị trả lời"), max_length=255, blank=True)
    answered_at = models.DateTimeField(_("ngày trả lời"), null=True, blank=True)

    objects = QuestionQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("asker_name"), FieldPanel("email"), FieldPanel("phone"), FieldPanel("organisation")],
            heading=_("Người hỏi"),
        ),
        FieldPanel("title"),
        FieldPanel("question"),
        MultiFieldPanel([FieldPanel("answer"), FieldPanel("answered_by"), FieldPanel("status")], heading=_("Trả lời")),
    ]
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("question"),
        index.SearchField("answer"),
        index.FilterField("status"),
    ]

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("câu hỏi")
        verbose_name_plural = _("hỏi đáp")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.status == self.Status.ANSWERED and not self.answer.strip():
            raise ValidationError({"answer": _("Cần nhập nội dung trả lời trước khi công khai câu hỏi.")})

    def save(self, *args, **kwargs):
        if self.status == self.Status.ANSWERED and self.answered_at is None:
            self.answered_at = timezone.now()
        super().save(*args, **kwargs)


class QuestionIndexPage(RoutablePageMixin, SectionBase):
    """Hỏi đáp: lists answered questions and takes new ones through a form."""

    portal_role = "questions"
    parent_page_types = SECTION_PARENTS
    subpage_types = []
    max_count_per_parent = 1
    template = "sections/question_index_page.html"

    class Meta:
        verbose_name = _("chuyên mục hỏi đáp")
        verbose_name_plural = _("chuyên mục hỏi đáp")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        questions = Question.objects.published()
        query = clean_query(request.GET.get("q", ""))
        if query:
            questions = questions.filter(models.Q(title__icontains=query) | models.Q(question__icontains=query))
        context.update(questions=paginate(request, questions), query=query)
        return context

    @path("")
    def index(self, request):
        from ..forms import QuestionForm

        return self.render(request, context_overrides={"form": QuestionForm()})

    @path("gui-cau-hoi/", name="ask")
    def ask(self, request):
        from ..forms import QuestionForm

        if request.method != "POST":
            return redirect(self.url)
        form = QuestionForm(request.POST, client_address=client_address(request))
        if form.is_valid():
            form.save(language=getattr(request, "LANGUAGE_CODE", "vi"))
            form.count_submission()
            return TemplateResponse(request, "sections/question_thanks.html", {"page": self, "self": self})
        response = self.render(request, context_overrides={"form": form})
        response.status_code = form.error_status()
        return response

    @re_path(r"^(?P<question_id>\d+)/$", name="question")
    def question_detail(self, request, question_id):
        from django.shortcuts import get_object_or_404

        question = get_object_or_404(Question.objects.published(), pk=question_id)
        return self.render(
            request,
            template="sections/question_detail.html",
            context_overrides={"question": question},
        )
