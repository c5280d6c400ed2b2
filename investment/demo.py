"""Demo data for investment promotion: vocabularies, one border-gate economic zone, three industrial
zones (Hòa Bình owned by its developer DTPTHT), two clusters, projects calling for investment, the
incentives and the investment guide, all in Vietnamese and translated into English through
wagtail-localize. Idempotent: everything is looked up by slug before it is created."""

from decimal import Decimal

from wagtail.rich_text import RichText

from home.models import HomePage
from home.translation import translate_page
from sections.demo import english_strings, ensure_child, read
from sections.models import ArticlePage, Department
from sections.permissions import sync_deferred

from .models import (
    Country,
    IncentivePage,
    InvestmentForm,
    InvestmentGuidePage,
    InvestmentIndexPage,
    InvestmentProjectPage,
    Sector,
    ZoneKind,
    ZonePage,
)

SECTORS = [
    ("che-bien-nong-san", "Chế biến nông, lâm sản", "Agricultural and forest products processing"),
    ("duoc-lieu", "Trồng và chế biến dược liệu", "Medicinal herbs and pharmaceuticals"),
    ("logistics", "Kho vận, logistics", "Warehousing and logistics"),
    ("cong-nghiep-ho-tro", "Công nghiệp hỗ trợ, cơ khí", "Supporting industries and engineering"),
    ("vat-lieu-xay-dung", "Vật liệu xây dựng", "Building materials"),
    ("nang-luong-tai-tao", "Năng lượng tái tạo", "Renewable energy"),
    ("thuong-mai-du-lich", "Thương mại, du lịch", "Trade and tourism"),
    ("det-may", "Dệt may, da giày", "Textiles and footwear"),
    ("khai-khoang", "Khai thác khoáng sản", "Mining"),
    ("hoa-chat", "Sản xuất hóa chất cơ bản", "Basic chemicals"),
]
FORMS = [
    ("100-von-nha-dau-tu", "100% vốn nhà đầu tư", "Wholly investor-owned"),
    ("lien-doanh", "Liên doanh, liên kết", "Joint venture"),
    ("doi-tac-cong-tu", "Đối tác công tư (PPP)", "Public-private partnership (PPP)"),
]
COUNTRIES = [
    ("viet-nam", "Việt Nam", "Vietnam"),
    ("lao", "Lào", "Laos"),
    ("campuchia", "Campuchia", "Cambodia"),
    ("thai-lan", "Thái Lan", "Thailand"),
    ("han-quoc", "Hàn Quốc", "South Korea"),
    ("nhat-ban", "Nhật Bản", "Japan"),
    ("trung-quoc", "Trung Quốc", "China"),
    ("singapore", "Singapore", "Singapore"),
]

# Infrastructure status of each zone, in the order power, water, wastewater, roads, telecoms.
ZONES = [
    {
        "slug": ("kkt-cua-khau-quoc-te-bo-y", "bo-y-international-border-gate-economic-zone"),
        "title": ("Khu kinh tế cửa khẩu quốc tế Bờ Y", "Bo Y International Border Gate Economic Zone"),
        "intro": (
            "Cửa ngõ của tam giác phát triển Campuchia – Lào – Việt Nam trên Quốc lộ 40.",
            "The gateway of the Cambodia–Laos–Vietnam development triangle on National Road 40.",
        ),
        "location": ("Huyện Ngọc Hồi, giáp Lào và Campuchia", "Ngoc Hoi district, bordering Laos and Cambodia"),
        "kind": ZoneKind.BORDER_GATE,
        "owner": "QLDT",
        "lat": "14.72410",
        "lon": "107.56280",
        "areas": ("70438", "1234.5", "312.4"),
        "price": ("0.35", "0.80", "USD", 2068),
        "infra": ("ready", "partial", "planned", "partial", "ready"),
        "km": ("0", "310", "95", "65"),
        "priority": ["logistics", "thuong-mai-du-lich", "che-bien-nong-san"],
        "restricted": ["hoa-chat"],
        "investors": [("Công ty CP Logistics Đông Dương", "viet-nam", "logistics")],
    },
    {
        "slug": ("kcn-hoa-binh", "hoa-binh-industrial-zone"),
        "title": ("Khu công nghiệp Hòa Bình", "Hoa Binh Industrial Zone"),
        "intro": (
            "Khu công nghiệp đã lấp đầy phần lớn, giáp thành phố, do Công ty Đầu tư phát triển hạ tầng quản lý.",
            "A largely occupied industrial zone next to the provincial city, run by the Infrastructure "
            "Development Investment Company.",
        ),
        "location": ("Phường Ngô Mây và xã Hòa Bình, thành phố", "Ngo May ward and Hoa Binh commune, city"),
        "kind": ZoneKind.INDUSTRIAL_ZONE,
        "owner": "DTPTHT",
        "lat": "14.32870",
        "lon": "108.03120",
        "areas": ("129.7", "92.8", "71.3"),
        "price": ("0.55", "0.90", "USD", 2059),
        "infra": ("ready", "ready", "ready", "ready", "ready"),
        "km": ("75", "200", "45", "6"),
        "priority": ["che-bien-nong-san", "vat-lieu-xay-dung", "cong-nghiep-ho-tro"],
        "restricted": ["khai-khoang"],
        "investors": [
            ("Công ty TNHH Tinh bột sắn Hòa Bình", "viet-nam", "che-bien-nong-san"),
            ("Công ty TNHH Gỗ Tây Nguyên Hàn Quốc", "han-quoc", "che-bien-nong-san"),
        ],
    },
    {
        "slug": ("kcn-sao-mai", "sao-mai-industrial-zone"),
        "title": ("Khu công nghiệp Sao Mai", "Sao Mai Industrial Zone"),
        "intro": (
            "Khu công nghiệp mới, quỹ đất sạch lớn.",
            "A new industrial zone with a large stock of cleared land.",
        ),
        "location": ("Xã Đăk Blà, thành phố", "Dak Bla commune, city"),
        "kind": ZoneKind.INDUSTRIAL_ZONE,
        "owner": "QLDT",
        "lat": "14.44650",
        "lon": "107.97840",
        "areas": ("147.2", "105.6", "12.0"),
        "price": ("0.45", "0.70", "USD", 2070),
        "infra": ("ready", "partial", "partial", "ready", "ready"),
        "km": ("70", "210", "52", "12"),
        "priority": ["cong-nghiep-ho-tro", "det-may", "duoc-lieu"],
        "restricted": ["hoa-chat"],
        "investors": [("Công ty CP Dược liệu Ngọc Linh", "viet-nam", "duoc-lieu")],
    },
    {
        "slug": ("kcn-dak-to", "dak-to-industrial-zone"),
        "title": ("Khu công nghiệp Đăk Tô", "Dak To Industrial Zone"),
        "intro": (
            "Gần cửa khẩu Bờ Y, phù hợp chế biến nông sản xuất khẩu.",
            "Close to Bo Y border gate, suited to export agro-processing.",
        ),
        "location": ("Thị trấn Đăk Tô, huyện Đăk Tô", "Dak To town, Dak To district"),
        "kind": ZoneKind.INDUSTRIAL_ZONE,
        "owner": "QLDT",
        "lat": "14.68120",
        "lon": "107.84350",
        "areas": ("150.0", "108.2", "0"),
        "price": ("0.30", "0.50", "USD", 2071),
        "infra": ("partial", "planned", "planned", "partial", "ready"),
        "km": ("35", "260", "80", "42"),
        "priority": ["che-bien-nong-san", "nang-luong-tai-tao"],
        "restricted": ["khai-khoang", "hoa-chat"],
        "investors": [],
    },
    {
        "slug": ("ccn-dak-la", "dak-la-industrial-cluster"),
        "title": ("Cụm công nghiệp Đăk La", "Dak La Industrial Cluster"),
        "intro": (
            "Cụm công nghiệp cho doanh nghiệp nhỏ và vừa.",
            "An industrial cluster for small and medium enterprises.",
        ),
        "location": ("Xã Đăk La, huyện Đăk Hà", "Dak La commune, Dak Ha district"),
        "kind": ZoneKind.INDUSTRIAL_CLUSTER,
        "owner": "QLDT",
        "lat": "14.26030",
        "lon": "107.95210",
        "areas": ("62.5", "45.3", "30.1"),
        "price": ("45000", "60000", "VND", 2068),
        "infra": ("ready", "ready", "partial", "ready", "ready"),
        "km": ("90", "230", "55", "15"),
        "priority": ["vat-lieu-xay-dung", "che-bien-nong-san"],
        "restricted": [],
        "investors": [("Công ty TNHH Gạch không nung Đăk La", "viet-nam", "vat-lieu-xay-dung")],
    },
    {
        "slug": ("ccn-thanh-trung", "thanh-trung-industrial-cluster"),
        "title": ("Cụm công nghiệp Thanh Trung", "Thanh Trung Industrial Cluster"),
        "intro": (
            "Cụm công nghiệp trong thành phố, hạ tầng hoàn chỉnh.",
            "An industrial cluster inside the city with complete infrastructure.",
        ),
        "location": ("Phường Thắng Lợi, thành phố", "Thang Loi ward, city"),
        "kind": ZoneKind.INDUSTRIAL_CLUSTER,
        "owner": "QLDT",
        "lat": "14.37050",
        "lon": "108.00490",
        "areas": ("50.2", "36.0", "28.4"),
        "price": ("55000", "75000", "VND", 2065),
        "infra": ("ready", "ready", "ready", "ready", "ready"),
        "km": ("80", "205", "48", "3"),
        "priority": ["det-may", "cong-nghiep-ho-tro"],
        "restricted": ["khai-khoang"],
        "investors": [("Công ty CP May Tây Nguyên", "viet-nam", "det-may")],
    },
]

# (slug vi/en, title vi/en, summary vi/en, sector, zone slug, area ha, capital bn VND,
#  capital m USD, investment form, land status, status)
PROJECTS = [
    (
        ("kho-ngoai-quan-bo-y", "bo-y-bonded-warehouse"),
        ("Kho ngoại quan và trung tâm logistics Bờ Y", "Bo Y bonded warehouse and logistics centre"),
        (
            "Kho ngoại quan, bãi container phục vụ hàng hóa qua cửa khẩu.",
            "Bonded warehouse and container yard for goods crossing the border.",
        ),
        "logistics",
        "kkt-cua-khau-quoc-te-bo-y",
        "25",
        "480",
        "19.2",
        "100-von-nha-dau-tu",
        "cleared",
        "calling",
    ),
    (
        ("trung-tam-thuong-mai-bo-y", "bo-y-trade-centre"),
        ("Trung tâm thương mại cửa khẩu Bờ Y", "Bo Y border-gate trade centre"),
        ("Chợ biên giới và trung tâm thương mại ba nước.", "Border market and trade centre for the three countries."),
        "thuong-mai-du-lich",
        "kkt-cua-khau-quoc-te-bo-y",
        "12.5",
        "350",
        "14.0",
        "lien-doanh",
        "clearing",
        "calling",
    ),
    (
        ("nha-may-che-bien-sam", "ginseng-processing-plant"),
        ("Nhà máy chế biến sâm và dược liệu", "Ginseng and medicinal herb processing plant"),
        ("Chế biến sâu dược liệu vùng Ngọc Linh.", "Deep processing of herbs from the Ngoc Linh area."),
        "duoc-lieu",
        "kcn-sao-mai",
        "8",
        "620",
        "24.8",
        "100-von-nha-dau-tu",
        "cleared",
        "calling",
    ),
    (
        ("nha-may-co-khi-sao-mai", "sao-mai-engineering-plant"),
        ("Nhà máy cơ khí, linh kiện Sao Mai", "Sao Mai engineering and components plant"),
        ("Sản xuất linh kiện máy nông nghiệp.", "Components for farm machinery."),
        "cong-nghiep-ho-tro",
        "kcn-sao-mai",
        "10",
        "410",
        "16.4",
        "lien-doanh",
        "cleared",
        "negotiating",
    ),
    (
        ("nha-may-tinh-bot-san-dak-to", "dak-to-cassava-starch-plant"),
        ("Nhà máy tinh bột sắn Đăk Tô", "Dak To cassava starch plant"),
        ("Công suất 300 tấn sản phẩm mỗi ngày.", "Capacity of 300 tonnes of product a day."),
        "che-bien-nong-san",
        "kcn-dak-to",
        "15",
        "1250",
        "50.0",
        "100-von-nha-dau-tu",
        "clearing",
        "calling",
    ),
    (
        ("dien-mat-troi-dak-to", "dak-to-rooftop-solar"),
        ("Điện mặt trời mái nhà xưởng Đăk Tô", "Dak To factory rooftop solar"),
        (
            "Điện mặt trời trên mái nhà xưởng cho doanh nghiệp trong khu.",
            "Rooftop solar on factory roofs for the zone's tenants.",
        ),
        "nang-luong-tai-tao",
        "kcn-dak-to",
        "6",
        "180",
        "7.2",
        "doi-tac-cong-tu",
        "not_cleared",
        "calling",
    ),
    (
        ("nha-may-gach-ccn-dak-la", "dak-la-brick-plant"),
        ("Nhà máy gạch không nung Đăk La", "Dak La unfired brick plant"),
        ("Vật liệu xây dựng không nung thay gạch đất sét.", "Unfired building bricks replacing clay bricks."),
        "vat-lieu-xay-dung",
        "ccn-dak-la",
        "4.5",
        "95",
        "3.8",
        "100-von-nha-dau-tu",
        "cleared",
        "awarded",
    ),
    (
        ("xuong-may-thanh-trung", "thanh-trung-garment-factory"),
        ("Xưởng may xuất khẩu Thanh Trung", "Thanh Trung export garment factory"),
        ("Xưởng may 1.200 lao động.", "A garment factory for 1,200 workers."),
        "det-may",
        "ccn-thanh-trung",
        "3.2",
        "140",
        "5.6",
        "lien-doanh",
        "cleared",
        "calling",
    ),
]

INCENTIVES = [
    (
        ("uu-dai-thue-thu-nhap-doanh-nghiep", "corporate-income-tax-incentives"),
        ("Ưu đãi thuế thu nhập doanh nghiệp", "Corporate income tax incentives"),
        "tax",
        "",
        (
            "Thuế suất 10% trong 15 năm, miễn 4 năm và giảm 50% trong 9 năm tiếp theo.",
            "A 10% rate for 15 years, 4 years exempt and 50% off for the next 9 years.",
        ),
        (
            "<p>Dự án mới trong khu kinh tế, khu công nghiệp thuộc địa bàn có điều kiện kinh tế – xã hội đặc "
            "biệt khó khăn được hưởng thuế suất ưu đãi.</p>",
            "<p>New projects in the economic zone and industrial zones of an area with especially difficult "
            "socio-economic conditions enjoy a preferential rate.</p>",
        ),
        (
            "Luật Thuế thu nhập doanh nghiệp; Nghị định 218/2013/NĐ-CP",
            "Law on Corporate Income Tax; Decree 218/2013/ND-CP",
        ),
    ),
    (
        ("uu-dai-tien-thue-dat", "land-rent-incentives"),
        ("Miễn, giảm tiền thuê đất", "Land rent exemption and reduction"),
        "land_rent",
        "",
        (
            "Miễn tiền thuê đất đến 15 năm sau thời gian xây dựng cơ bản.",
            "Land rent exempted for up to 15 years after construction.",
        ),
        (
            "<p>Miễn tiền thuê đất trong thời gian xây dựng cơ bản (tối đa 3 năm) và 11 đến 15 năm tiếp theo tùy "
            "địa bàn.</p>",
            "<p>Land rent is exempted during construction (up to 3 years) and for the following 11 to 15 years "
            "depending on the area.</p>",
        ),
        (
            "Nghị định 103/2024/NĐ-CP về tiền sử dụng đất, tiền thuê đất",
            "Decree 103/2024/ND-CP on land levies and land rent",
        ),
    ),
    (
        ("uu-dai-thue-nhap-khau", "import-duty-incentives"),
        ("Miễn thuế nhập khẩu tại khu kinh tế cửa khẩu", "Import duty exemption in the border-gate economic zone"),
        "import_duty",
        ZoneKind.BORDER_GATE,
        ("Miễn thuế nhập khẩu hàng hóa tạo tài sản cố định.", "Import duty exempted on goods forming fixed assets."),
        (
            "<p>Hàng hóa nhập khẩu để tạo tài sản cố định của dự án trong khu kinh tế cửa khẩu được miễn thuế "
            "nhập khẩu.</p>",
            "<p>Goods imported to form the fixed assets of a project in the border-gate economic zone are exempt "
            "from import duty.</p>",
        ),
        (
            "Luật Thuế xuất khẩu, thuế nhập khẩu; Nghị định 134/2016/NĐ-CP",
            "Law on Export and Import Duties; Decree 134/2016/ND-CP",
        ),
    ),
]

GUIDE = {
    "slug": ("huong-dan-dau-tu", "investment-guide"),
    "title": ("Hướng dẫn đầu tư", "Investment guide"),
    "intro": ("Các bước từ khi tìm hiểu đến khi dự án đi vào hoạt động.", "The steps from first enquiry to operation."),
    "steps": [
        (
            ("Tìm hiểu và khảo sát địa điểm", "Learn and visit the site"),
            (
                "<p>Liên hệ Phòng Quản lý đầu tư để được giới thiệu địa điểm và khảo sát thực địa.</p>",
                "<p>Contact the Investment Management Department to be shown sites and arrange a visit.</p>",
            ),
            ("", ""),
        ),
        (
            ("Chấp thuận chủ trương đầu tư", "Approval of the investment policy"),
            (
                "<p>Nộp hồ sơ đề nghị chấp thuận chủ trương đầu tư (nếu dự án thuộc diện phải chấp thuận).</p>",
                "<p>File the request for approval of the investment policy (where the project requires it).</p>",
            ),
            ("35 ngày", "35 days"),
        ),
        (
            ("Cấp Giấy chứng nhận đăng ký đầu tư", "Investment registration certificate"),
            (
                "<p>Ban Quản lý cấp Giấy chứng nhận đăng ký đầu tư cho dự án trong khu.</p>",
                "<p>The Board issues the investment registration certificate for projects inside the zones.</p>",
            ),
            ("15 ngày", "15 days"),
        ),
        (
            ("Thuê đất, xây dựng và đi vào hoạt động", "Lease land, build and start operation"),
            (
                "<p>Ký hợp đồng thuê đất, xin giấy phép xây dựng, nghiệm thu và vận hành.</p>",
                "<p>Sign the land lease, obtain the building permit, complete acceptance and start operating.</p>",
            ),
            ("", ""),
        ),
    ],
}


def load_vocabularies(context):
    for model, rows in ((Sector, SECTORS), (InvestmentForm, FORMS), (Country, COUNTRIES)):
        for order, (slug, vi, en) in enumerate(rows):
            _obj, created = model.objects.get_or_create(
                slug=slug, defaults={"name_vi": vi, "name_en": en, "sort_order": order}
            )
            if created:
                context.count("investment vocabulary entries")


def p(text):
    return f"<p>{text}</p>"


def load_zones(context, index, departments):
    sectors = {s.slug: s for s in Sector.objects.all()}
    countries = {c.slug: c for c in Country.objects.all()}
    zones = {}
    for spec in ZONES:
        total, industrial, leased = (Decimal(a) for a in spec["areas"])
        price_min, price_max, currency, until = spec["price"]
        power, water, wastewater, roads, telecoms = spec["infra"]
        border, port, airport, city = (Decimal(k) for k in spec["km"])
        owner = departments[spec["owner"]]
        zone, created = ensure_child(
            index,
            ZonePage,
            spec["slug"][0],
            context,
            title=spec["title"][0],
            intro=p(spec["intro"][0]),
            department=owner,
            kind=spec["kind"],
            location=spec["location"][0],
            latitude=Decimal(spec["lat"]),
            longitude=Decimal(spec["lon"]),
            total_area=total,
            industrial_area=industrial,
            leased_area=leased,
            price_min=Decimal(price_min),
            price_max=Decimal(price_max),
            price_currency=currency,
            lease_term_until=until,
            power=power,
            water=water,
            wastewater=wastewater,
            roads=roads,
            telecoms=telecoms,
            km_to_border_gate=border,
            km_to_port=port,
            km_to_airport=airport,
            km_to_city=city,
            priority_sectors=[sectors[s] for s in spec["priority"]],
            restricted_sectors=[sectors[s] for s in spec["restricted"]],
            incentives=p("Hưởng ưu đãi của địa bàn có điều kiện kinh tế – xã hội đặc biệt khó khăn."),
            investors=[
                ("investor", {"name": name, "country": countries[c], "sector": sectors[s]})
                for name, c, s in spec["investors"]
            ],
            contacts=[
                (
                    "contact",
                    {
                        "unit": owner.name_vi,
                        "room": "",
                        "phone": "0260 3 862 000",
                        "email": owner.email or "qldt@example.vn",
                    },
                )
            ],
        )
        zones[spec["slug"][0]] = zone
    return zones


def load_projects(context, index, zones):
    sectors = {s.slug: s for s in Sector.objects.all()}
    forms = {f.slug: f for f in InvestmentForm.objects.all()}
    for slug, title, summary, sector, zone, area, vnd, usd, form, land, status in PROJECTS:
        ensure_child(
            index,
            InvestmentProjectPage,
            slug[0],
            context,
            title=title[0],
            summary=summary[0],
            sector=sectors[sector],
            zone=zones[zone],
            area=Decimal(area),
            capital_vnd=Decimal(vnd),
            capital_usd=Decimal(usd),
            investment_form=forms[form],
            land_status=land,
            status=status,
            incentives=p("Áp dụng ưu đãi thuế thu nhập doanh nghiệp và miễn tiền thuê đất."),
        )


def load_incentives(context, index):
    for slug, title, kind, zone_kind, summary, body, legal in INCENTIVES:
        ensure_child(
            index,
            IncentivePage,
            slug[0],
            context,
            title=title[0],
            kind=kind,
            zone_kind=zone_kind,
            summary=summary[0],
            body=body[0],
            legal_basis=legal[0],
        )


def load_guide(context, index):
    home = index.get_parent()
    procedures = next(
        (c for c in home.get_children().live().specific(defer=True) if getattr(c, "portal_role", "") == "procedures"),
        None,
    )
    steps = []
    for number, (title, text, time_limit) in enumerate(GUIDE["steps"]):
        steps.append(
            (
                "step",
                {
                    "title": title[0],
                    "text": RichText(text[0]),
                    "procedure": procedures if number in (1, 2) else None,
                    "time_limit": time_limit[0],
                },
            )
        )
    ensure_child(
        index,
        InvestmentGuidePage,
        GUIDE["slug"][0],
        context,
        title=GUIDE["title"][0],
        intro=GUIDE["intro"][0],
        steps=steps,
    )


COMMON_STRINGS = [
    (
        p("Hưởng ưu đãi của địa bàn có điều kiện kinh tế – xã hội đặc biệt khó khăn."),
        p("Incentives for an area with especially difficult socio-economic conditions."),
    ),
    (
        p("Áp dụng ưu đãi thuế thu nhập doanh nghiệp và miễn tiền thuê đất."),
        p("Corporate income tax incentives and land rent exemption apply."),
    ),
]


def english_for_page(slug):
    """(vi, en) pairs for the page with Vietnamese slug ``slug``."""
    pairs = list(COMMON_STRINGS)
    for spec in ZONES:
        if spec["slug"][0] == slug:
            pairs += [spec["slug"], spec["title"], spec["location"], (p(spec["intro"][0]), p(spec["intro"][1]))]
    for unit in read("units.json"):
        pairs.append((unit["vi"], unit["en"]))
    for row in PROJECTS:
        if row[0][0] == slug:
            pairs += [row[0], row[1], row[2]]
    for row in INCENTIVES:
        if row[0][0] == slug:
            pairs += [row[0], row[1], row[4], row[5], row[6]]
    if slug == GUIDE["slug"][0]:
        pairs += [GUIDE["slug"], GUIDE["title"], GUIDE["intro"]]
        for title, text, time_limit in GUIDE["steps"]:
            pairs += [title, text, time_limit]
    return english_strings(pairs)


def translate_section(context, index):
    """English for the investment index and every page under it (zones before the projects that cite them)."""
    if not index.get_translations().filter(locale__language_code="en").exists():
        intro = read("pages.json")["section_intros"]["xuc-tien-dau-tu"]
        pairs = [
            ("Xúc tiến đầu tư", "Investment promotion"),
            ("xuc-tien-dau-tu", "investment-promotion"),
            (p(intro["vi"]), p(intro["en"])),
        ]
        translate_page(index, "en", english_strings(pairs))
        context.count("translations")
    # News articles that the sections demo files here are news items (not translated, like all news).
    children = index.get_children().live().not_type(ArticlePage).specific()
    ordered = sorted(children, key=lambda page: not isinstance(page, ZonePage))
    for page in ordered:
        if page.get_translations().filter(locale__language_code="en").exists():
            continue
        translate_page(page, "en", english_for_page(page.slug))
        context.count("translations")


def load(context):
    load_vocabularies(context)
    home = HomePage.objects.get(locale__language_code="vi")
    index = next(
        (c for c in home.get_children().specific() if isinstance(c, InvestmentIndexPage)),
        None,
    )
    if index is None:
        context.log("No investment section: skipping the investment demo.")
        return
    departments = {d.code: d for d in Department.objects.all()}
    with sync_deferred():
        zones = load_zones(context, index, departments)
        load_projects(context, index, zones)
        load_incentives(context, index)
        load_guide(context, index)
        translate_section(context, index)
