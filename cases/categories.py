"""The dispute categories of people's-mediation statistics (domain.md §8), with the court
cause of action (案由) each maps to when a case goes to court. Editable in the admin."""

from __future__ import annotations

DEFAULT_CATEGORIES = [
    # (code, name, court cause of action, village-level first)
    ("marriage_family", "婚姻家庭", "婚姻家庭纠纷", True),
    ("neighbourhood", "邻里", "相邻关系纠纷", True),
    ("housing_homestead", "房屋宅基地", "宅基地使用权纠纷", True),
    ("contract", "合同", "合同纠纷", False),
    ("production_business", "生产经营", "合同纠纷", False),
    ("damages", "损害赔偿", "侵权责任纠纷", False),
    ("forest_land", "山林土地", "土地承包经营权纠纷", False),
    ("land_acquisition", "征地拆迁", "征收补偿纠纷", False),
    ("environment", "环境污染", "环境污染责任纠纷", False),
    ("labour", "劳动争议", "劳动争议", False),
    ("consumer", "消费", "买卖合同纠纷", False),
    ("medical", "医疗", "医疗损害责任纠纷", False),
    ("traffic", "道路交通事故", "机动车交通事故责任纠纷", False),
    ("property_management", "物业", "物业服务合同纠纷", False),
    ("village_affairs", "村务管理", "", True),
    ("other", "其他", "", False),
]


def load_categories(category_model) -> None:
    for order, (code, name, cause, village_first) in enumerate(DEFAULT_CATEGORIES, start=1):
        category_model.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "court_cause": cause,
                "is_village_level": village_first,
                "sort_order": order,
            },
        )


def load_default_categories(apps) -> None:
    load_categories(apps.get_model("cases", "DisputeCategory"))
