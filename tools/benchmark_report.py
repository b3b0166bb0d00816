"""The concurrency benchmark's results as a page shows them, in the page's language.

The table, what was measured, the findings as sentences decided by the measured times, and the
chart.

The findings are never typed by hand: `finding()` picks the words (faster or slower in every
run, so many times as fast, or overlapping runs) from the runs in the JSON, with the
thresholds written here, so new measurements that no longer fit the words change them.
"""
import base64
import io
import json
from pathlib import Path

from babel.numbers import format_decimal

from tools import config

MODES = ("sequential", "gather", "one call")
DIM = 128


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def number(value: float, lang: str, digits: int = 2) -> str:
    return format_decimal(value, format="#,##0." + "0" * digits if digits else "#,##0", locale=lang)


def span(runs: list[float], lang: str) -> str:
    low, high = min(runs), max(runs)
    return number(low, lang) if round(low, 2) == round(high, 2) else f"{number(low, lang)}–{number(high, lang)}"


MARGIN = 0.05   # runs closer than this (a share of the sequential time) count as a draw


def compare(mode: list[float], base: list[float]) -> str:
    """How a mode's runs stand against the sequential mode's: the word the sentence uses.
    Faster or slower means in every run, by more than MARGIN; twice as fast or more, "times"."""
    if max(mode) < min(base) * (1 - MARGIN):
        return "times" if min(base) / min(mode) >= 2 else "faster"
    if min(mode) > max(base) * (1 + MARGIN):
        return "slower"
    return "overlap"


def finding(measures: dict, operation: str, mode: str, lang: str) -> str:
    words = config.strings(lang)["generated"]["benchmark"]
    runs, base = measures[operation, mode]["runs"], measures[operation, "sequential"]["runs"]
    ratio = min(base) / min(runs)
    return words[compare(runs, base)].format(
        topic=words["topics"][operation], mode=words["modes"][mode],
        base=words["modes"]["sequential"], mode_runs=span(runs, lang), base_runs=span(base, lang),
        ratio=number(ratio, lang, 0 if ratio >= 10 else 1),
        mode_best=number(min(runs), lang), base_best=number(min(base), lang))


def by_key(data: dict) -> dict:
    return {(m["operation"], m["mode"]): m for m in data["measures"]}


def table(data: dict, lang: str) -> str:
    words = config.strings(lang)["generated"]["benchmark"]
    measures = by_key(data)
    lines = ["| " + " | ".join(words["headers"]) + " |", "|---|---|---:|---:|---:|---:|---:|"]
    for operation in ("insert", "search"):
        base = measures[operation, "sequential"]["seconds"]
        for mode in MODES:
            m = measures[operation, mode]
            lines.append(
                f"| {words['operations'][operation]} | {words['modes'][mode]} | {number(m['calls'], lang, 0)} | "
                f"{number(m['items'], lang, 0)} {words['units'][operation]} | {number(m['seconds'], lang)} | "
                f"{number(m['items'] / m['seconds'], lang, 0)} | {number(base / m['seconds'], lang, 1)}× |")
    return "\n".join(lines) + "\n"


def section(data: dict, lang: str) -> str:
    """One engine's results: what was measured, the table, the findings and the chart."""
    words = config.strings(lang)["generated"]["benchmark"]
    facts, sizes = data["machine"], data["sizes"]
    measured = words["measured"].format(
        engine=facts["engine"], date=facts["date"], pymilvus=facts["pymilvus"],
        python=facts["python"], cpus=facts["cpus"], cpu=facts["cpu"])
    shape = words["sizes"].format(
        rows=number(sizes["rows"], lang, 0), dim=DIM, batch=number(sizes["batch"], lang, 0),
        searches=number(sizes["searches"], lang, 0), limit=sizes["limit"], index=sizes["index"],
        repeat=sizes["repeat"])
    findings = [finding(by_key(data), op, mode, lang) for op in ("insert", "search")
                for mode in ("gather", "one call")]
    alt = words["chart_alt"].format(engine=facts["engine"])
    return (words["heading"].format(engine=facts["engine"], measured=measured, sizes=shape)
            + f"\n\n{table(data, lang)}\n"
            + "".join(f"- {f}\n" for f in findings)
            + f"\n![{alt}](data:image/svg+xml;base64,{chart(data, lang)})\n")


def chart(data: dict, lang: str) -> str:
    """Horizontal bars, one panel per operation, base64 SVG; the same bytes for the same data."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter
    words = config.strings(lang)["generated"]["benchmark"]
    measures = by_key(data)
    plt.rcParams["svg.hashsalt"] = "milvus-docs-tested"
    plt.rcParams["svg.fonttype"] = "none"   # text stays text: smaller, searchable
    figure, axes = plt.subplots(2, 1, figsize=(7, 4.2))
    for ax, operation in zip(axes, ("insert", "search")):
        rows = [measures[operation, mode] for mode in MODES]
        bars = ax.barh([words["modes"][m] for m in MODES], [r["seconds"] for r in rows], color="#4a7bd0")
        ax.bar_label(bars, labels=[f"{number(r['seconds'], lang)} s" for r in rows], padding=3)
        ax.invert_yaxis()
        ax.set_title(words["chart_title"].format(operation=words["operations"][operation],
                                                 count=number(rows[0]["items"], lang, 0),
                                                 unit=words["units"][operation]), loc="left", fontsize=10)
        ax.set_xlim(0, max(r["seconds"] for r in rows) * 1.3)
        ax.set_xlabel(words["axis"])
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: number(x, lang, 1)))
    figure.suptitle(data["machine"]["engine"], fontsize=10)
    figure.tight_layout()
    svg = io.BytesIO()
    figure.savefig(svg, format="svg", metadata={"Date": None})
    plt.close(figure)
    return base64.b64encode(svg.getvalue()).decode("ascii")
