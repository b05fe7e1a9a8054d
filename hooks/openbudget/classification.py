"""Economic classes of expenditure (支出经济分类) as the consistency rules need them.

Documents name the same class differently (日常公用支出 in the seed, 商品和服务支出 or
公用经费 elsewhere). Editors write the name as published; this table tells the rules
which class it is. A county that prints another wording adds one line here.
"""

from __future__ import annotations

WAGES = "wages"
GOODS_AND_SERVICES = "goods_and_services"
HOUSEHOLDS = "households"
PROJECT = "project"

#: Basic expenditure (基本支出) is the sum of these three classes.
BASIC_CLASSES = (WAGES, GOODS_AND_SERVICES, HOUSEHOLDS)

#: Published name → class.
ECONOMIC_NAMES: dict[str, str] = {
    "工资福利支出": WAGES,
    "日常公用支出": GOODS_AND_SERVICES,
    "商品和服务支出": GOODS_AND_SERVICES,
    "公用经费": GOODS_AND_SERVICES,
    "日常公用经费": GOODS_AND_SERVICES,
    "对个人和家庭的补助支出": HOUSEHOLDS,
    "对个人和家庭的补助": HOUSEHOLDS,
    "项目支出": PROJECT,
}
