"""Renders the bench charts (PNG) from bench/results/*.json; run by bench/report.ts with the
project venv's matplotlib (offline, Agg backend)."""
import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

results, out = Path(sys.argv[1]), Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)


def load(name):
    f = results / f"{name}.json"
    return json.loads(f.read_text()) if f.exists() else None


def bars(ax, labels, values, title, unit):
    ax.bar(labels, values, color=["#8da0cb", "#fc8d62", "#66c2a5", "#e78ac3"][: len(values)])
    for i, v in enumerate(values):
        ax.text(i, v, f"{v:.1f}", ha="center", va="bottom")
    ax.set_title(title)
    ax.set_ylabel(unit)


b = load("backfill")
if b:
    fig, axes = plt.subplots(1, 2, figsize=(9, 3.5))
    bars(axes[0], ["no-op", "backfill"], [b["noopStartRate"], b["backfillRate"]], f"starts acknowledged (ratio {b['ratio']:.2f})", "workflows/s")
    bars(axes[1], ["no-op", "backfill"], [b["noopSettledRate"], b["backfillSettledRate"]], f"first task done (ratio {b['settledRatio']:.2f})", "workflows/s")
    subjects = f"{b['users']} users and {b['customers']} customers" if b.get("customers") else f"{b['users']} users"
    fig.suptitle(f"Backfill of {subjects}, concurrency {b['concurrency']}")
    fig.tight_layout()
    fig.savefig(out / "backfill.png", dpi=100)

p = load("purge-wave")
if p:
    fig, axes = plt.subplots(1, 3, figsize=(13, 3.5))
    t = [s[0] for s in p["rssSamples"]]
    mb = [s[1] for s in p["rssSamples"]]
    axes[0].plot(t, mb, color="#fc8d62")
    axes[0].axhline(300, color="grey", linestyle="--", label="300 MB target")
    axes[0].set_title("worker RSS during the wave")
    axes[0].set_xlabel("s since the due time")
    axes[0].set_ylabel("MB")
    axes[0].legend()
    bars(axes[1], ["purges", "1-activity wf"], [p["purgeRate"], p["baselineRate"]], f"per second (ratio {p['ratio']:.2f})", "/s")
    bars(axes[2], ["RSS idle", f"RSS {p['users']} asleep", "DB idle", f"DB {p['users']} asleep"],
         [p["idle"]["rssMb"], p["asleep"]["rssMb"], p["idle"]["temporalDbMb"], p["asleep"]["temporalDbMb"]], "sleeping cost", "MB")
    fig.suptitle(f"Purge wave of {p['users']} users")
    fig.tight_layout()
    fig.savefig(out / "purge-wave.png", dpi=100)
