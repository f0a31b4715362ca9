"""The figures of the budget charts, as Apache ECharts options (the same numbers as the tables)."""

from typing import Any

from django.utils.translation import gettext as _


def budget_charts(summary, by_provider: list[dict], by_category: list[dict]) -> dict[str, Any]:
    """Options of the three charts of a budget page: burn-down, spend by provider and category."""
    months = [f"{row.month:%Y-%m}" for row in summary.months]
    return {
        "burn": {
            "tooltip": {"trigger": "axis"},
            "legend": {"data": [_("Spent in the month"), _("Remaining budget")]},
            "xAxis": {"type": "category", "data": months},
            "yAxis": {"type": "value"},
            "series": [
                {
                    "name": _("Spent in the month"),
                    "type": "bar",
                    "data": [float(row.spent) for row in summary.months],
                },
                {
                    "name": _("Remaining budget"),
                    "type": "line",
                    "data": [float(row.remaining) for row in summary.months],
                },
            ],
        },
        "providers": _pie(by_provider),
        "categories": _pie(by_category),
    }


def _pie(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "tooltip": {"trigger": "item"},
        "series": [
            {
                "type": "pie",
                "radius": "65%",
                "data": [{"name": row["name"], "value": float(row["total"])} for row in rows],
            }
        ],
    }
