from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvestmentConfig(AppConfig):
    name = "investment"
    verbose_name = _("Xúc tiến đầu tư")

    def ready(self):
        from sections.permissions import register_section_model_permissions

        # Inquiries are read by whoever owns the investment section (QLDT) and by the editorial board.
        register_section_model_permissions("investment.InvestmentIndexPage", "investment.InvestorInquiry", ("view",))
