"""The rates page /rates and its JSON twins /rates.json and /rates/{CODE}.json.

Each currency per USD on the latest day: the figure, its change since its source's
previous publication, the bank and effective date, carried-forward and peg labels,
disagreements between banks, and a line chart of the last 30, 90 or 365 days drawn as
inline SVG on the server (no script; presentation attributes, never ``style=""``, as
the CSP forbids inline styles). The JSON twins carry the same rows and the chart data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from steppe.errors import BadQuery, NotFound
from steppe.publish import queries
from steppe.rates import queries as rq
from steppe.rates.ticker_view import format_value

router = APIRouter(include_in_schema=False)

WIDTH, HEIGHT, PAD = 320, 88, 6
_TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Chart:
    """An SVG line chart's geometry: the polyline, the last point and the value range."""

    width: int
    height: int
    points: str
    last_x: Decimal
    last_y: Decimal
    low: str
    high: str
    first: date
    last: date
    title: str


def chart(currency: str, points: tuple[tuple[date, Decimal], ...], days: int) -> Chart | None:
    """The chart of one currency's per-USD series; None with fewer than two points."""
    if len(points) < 2:
        return None
    first, last = points[0][0], points[-1][0]
    span = Decimal(max((last - first).days, 1))
    low = min(v for _, v in points)
    high = max(v for _, v in points)
    spread = high - low
    coords = []
    for day, value in points:
        x = PAD + Decimal((day - first).days) / span * (WIDTH - 2 * PAD)
        y = Decimal(HEIGHT) / 2 if spread == 0 else PAD + (high - value) / spread * (HEIGHT - 2 * PAD)
        coords.append((_px(x), _px(y)))
    title = (
        f"{currency} per USD, last {days} days: low {_figure(low)}, high {_figure(high)}, "
        f"{first:%Y-%m-%d} to {last:%Y-%m-%d}"
    )
    return Chart(
        WIDTH,
        HEIGHT,
        " ".join(f"{x},{y}" for x, y in coords),
        coords[-1][0],
        coords[-1][1],
        _figure(low),
        _figure(high),
        first,
        last,
        title,
    )


def board_dict(board: rq.RatesBoard | None) -> dict[str, Any]:
    """The JSON twin of the page: the same rows, each with its chart as data."""
    if board is None:
        return {"date": None, "days": None, "rates": []}
    return {"date": board.date, "days": board.days, "rates": [row_dict(r) for r in board.rows]}


def row_dict(row: rq.BoardRow) -> dict[str, Any]:
    """One currency row with its chart points (exact figures as strings)."""
    return {
        "currency": row.currency,
        "name": row.name,
        "per_usd": str(row.rate),
        "text": row.text,
        "change_pct": None if row.change_pct is None else str(row.change_pct),
        "direction": row.direction,
        "source": rq.source_dict(row.source),
        "disagreements": [rq.flag_dict(f) for f in row.disagreements],
        "chart": [[d.isoformat(), str(v)] for d, v in row.points],
    }


@router.get("/rates", response_class=HTMLResponse)
def rates_page(request: Request, days: int = 90) -> Response:
    """Today's official rates per USD with changes, sources, flags and charts."""
    board = _board(request, days)
    charts = {row.currency: chart(row.currency, row.points, board.days) for row in board.rows} if board else {}
    settings = request.app.state.settings
    ticker = queries.ticker(
        request.app.state.store, orientation=settings["ticker.orientation"], currencies=settings["ticker.currencies"]
    )
    context = {
        "board": board,
        "charts": charts,
        "days": board.days if board else days,
        "choices": rq.CHART_DAYS,
        "ticker": ticker,
    }
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, "rates.html", context)


@router.get("/rates.json")
def rates_json(request: Request, days: int = 90) -> Response:
    """The JSON twin of /rates."""
    return _json(board_dict(_board(request, days)))


@router.get("/rates/{code}.json")
def currency_json(request: Request, code: str, days: int = 90) -> Response:
    """One currency's row and chart data."""
    board = _board(request, days, (code.upper(),))
    if board is None or not board.rows:
        raise NotFound(f"no official rate for {code.upper()!r}")
    return _json({"date": board.date, "days": board.days, **row_dict(board.rows[0])})


def _board(request: Request, days: int, currencies: tuple[str, ...] = rq.BOARD_CURRENCIES) -> rq.RatesBoard | None:
    if days not in rq.CHART_DAYS:
        raise BadQuery(f"days must be one of {', '.join(map(str, rq.CHART_DAYS))}")
    return rq.rates_board(request.app.state.store, days=days, currencies=currencies)


def _json(data: dict[str, Any]) -> Response:
    return Response(rq.json_text(data), media_type="application/json")


def _px(value: Decimal) -> Decimal:
    return value.quantize(_TENTH, rounding=ROUND_HALF_UP)


def _figure(value: Decimal) -> str:
    return format_value(value)
