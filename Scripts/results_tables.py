#!/usr/bin/env python3
"""Markdown tables for Documentation/Results.md from the examples' JSON reports.

    python3 Scripts/results_tables.py Documentation/Results                                   # print every table
    python3 Scripts/results_tables.py Documentation/Results --update=Documentation/Results.md # fill the marked blocks

With --update, each table replaces the text between `<!-- table KEY -->` and `<!-- end KEY -->`
in the document (KEY: a study name, or `study:variant` for a claim (b) table), so the prose around
the tables stays hand-written and the numbers always come from the JSON.

Reads <folder>/<study>.json as written by the examples (hydrogen-orbitals, water-normal-modes,
water-pes, molecule-pes, custom-symmetry) and prints, per study, the mean test MAE per size and variant, and the
comparison with the reference variant: |G|, the median interpolated efficiency factor (or its lower
bound), the shared-slope factor, and MAE_G(N) / MAE_none(|G| N); plus predicted vs fitted floors;
then, for claim (b), each soft variant's MAE over the envelope of `none` and the hard variants per
size, with the trust and baseline chosen in every repeat.
Standard library only.
"""
import json
import pathlib
import sys


def fmt(v):
    if v is None:
        return "–"
    return f"{v:.3g}"


def study_tables(path):
    d = json.loads(path.read_text())
    out = [f"#### `{d['study']}` — test MAE ({d['label_unit']}), mean ± s.d. over {d['repeats']} repeats, {d['test_count']} test samples", ""]
    sizes = sorted({p["n"] for v in d["variants"] for p in v["points"]})
    out.append("| N | " + " | ".join(v["name"] for v in d["variants"]) + " |")
    out.append("|---:|" + "---|" * len(d["variants"]))
    for n in sizes:
        cells = []
        for v in d["variants"]:
            p = next((p for p in v["points"] if p["n"] == n), None)
            cells.append(f"{fmt(p['mae_mean'])} ± {fmt(p['mae_std'])}" if p else "–")
        out.append(f"| {n} | " + " | ".join(cells) + " |")
    out.append("")
    out.append("| variant | \\|G\\| | slope b | efficiency factor (median, interpolated) | shared-slope factor | MAE_G(N) / MAE_ref(\\|G\\|N) | predicted floor | fitted floor |")
    out.append("|---|---|---|---|---|---|---|---|")
    for v in d["variants"]:
        c = v.get("comparison") or {}
        pl = v.get("power_law") or {}
        factor = c.get("median_efficiency_factor")
        bound = c.get("efficiency_factor_lower_bound")
        ftxt = fmt(factor) if factor is not None else (f"> {bound:.0f}" if bound is not None else "–")
        ratios = ", ".join(f"{r['ratio']:.2f}" for r in c.get("mae_ratio_to_reference_at_group_order_times_n", [])) or "–"
        g = v["group_order"]
        floor = v.get("floor_fit") or {}
        fitted = fmt(floor.get("floor")) if floor.get("fraction_of_last_mae", 0) > 0.3 else "none"
        slope = f"{pl['exponent']:.2f} ± {pl['exponent_standard_error']:.2f}" if pl else "–"
        out.append(f"| {v['name']} | {g if g > 0 else '∞'} | {slope} | {ftxt if c else '(reference)'} | "
                   f"{fmt(c.get('shared_slope_factor')) if c else '–'} | {ratios if c else '–'} | "
                   f"{fmt(v.get('predicted_floor'))} | {fitted} |")
    out.append("")
    return "\n".join(out)


def soft_table(path, soft, references):
    """Claim (b): MAE of a soft variant over the envelope min(references) per size, and what it chose."""
    d = json.loads(path.read_text())
    by = {v["name"]: v for v in d["variants"]}
    if soft not in by or any(r not in by for r in references):
        return ""
    def mae(name, n):
        p = next((p for p in by[name]["points"] if p["n"] == n), None)
        return p["mae_mean"] if p else None
    out = [f"`{soft}` against min({', '.join(references)}) — `{d['study']}`", "",
           "| N | " + " | ".join(references) + f" | {soft} | ratio to the minimum | ratio to {references[0]} | chosen (per repeat) |",
           "|---:|" + "---|" * (len(references) + 4)]
    for p in by[soft]["points"]:
        n = p["n"]
        refs = [mae(r, n) for r in references]
        if any(r is None for r in refs):
            continue
        low = min(refs)
        chosen = []
        for run in by[soft]["runs"]:
            if run["n"] != n:
                continue
            h = run["hyperparameters"]
            trust = h.get("trust", "")
            if trust == "soft":
                trust = f"ε²={h.get('copy_ridge'):g}"
            elif trust == "weights":
                trust = "b=" + ",".join(f"{h[k]:g}" for k in sorted(h) if k.startswith("weight_"))
            base = "Δ" if h.get("baseline", "none") != "none" else ""
            chosen.append((base + " " + trust).strip() or "–")
        out.append(f"| {n} | " + " | ".join(fmt(r) for r in refs) + f" | {fmt(p['mae_mean'])} | {p['mae_mean'] / low:.2f} | "
                   f"{refs[0] / p['mae_mean']:.1f}× below | {', '.join(chosen)} |")
    out.append("")
    return "\n".join(out)


def blocks(folder):
    """Every table as (key, markdown): `<study>` for a study's tables, `<study>:<soft>` for claim (b)."""
    order = ["hydrogen-1s", "hydrogen-2s", "hydrogen-2p_z", "hydrogen-3d_z2", "water-mode-q1", "water-mode-q2",
             "water-mode-q3", "water-pes", "water-pes-sector-weights", "molecule-pes", "water-pes-large", "custom-c3"]
    out = []
    for name in order:
        path = folder / f"{name}.json"
        if path.exists():
            out.append((name, study_tables(path)))
    # Claim (b): soft variants against the envelope of none and the hard variants.
    envelopes = [("water-pes", "soft", ["none", "sign-flips+taylor3"]),
                 ("water-pes", "delta+soft", ["none", "q3", "sign-flips+taylor3"]),
                 ("water-mode-q1", "soft", ["none", "reflection+taylor3"]),
                 ("water-mode-q2", "soft", ["none", "reflection+taylor3"]),
                 ("water-mode-q1", "delta+soft", ["none", "reflection+taylor3"]),
                 ("water-mode-q2", "delta+soft", ["none", "reflection+taylor3"]),
                 ("molecule-pes", "soft", ["none", "exact", "sign-flips+taylor3"]),
                 ("molecule-pes", "delta+soft", ["none", "exact", "sign-flips+taylor3"])]
    for name, soft, refs in envelopes:
        path = folder / f"{name}.json"
        if path.exists():
            table = soft_table(path, soft, refs)
            if table:
                out.append((f"{name}:{soft}", table))
    return out


def update(document, tables):
    """Replaces the text between `<!-- table NAME -->` and `<!-- end NAME -->` in `document`."""
    import re
    text = document.read_text()
    missing = []
    for key, table in tables:
        pattern = re.compile(r"(<!-- table " + re.escape(key) + r" -->\n).*?(<!-- end " + re.escape(key) + r" -->)", re.S)
        text, count = pattern.subn(lambda m: m.group(1) + "\n" + table.strip() + "\n\n" + m.group(2), text)
        if count == 0:
            missing.append(key)
    document.write_text(text)
    if missing:
        print(f"{document}: no markers for {', '.join(missing)} (tables not placed)", file=sys.stderr)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--update=")]
    folder = pathlib.Path(args[0] if args else "Documentation/Results")
    tables = blocks(folder)
    targets = [a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--update=")]
    if targets:
        for t in targets:
            update(pathlib.Path(t), tables)
    else:
        for _, table in tables:
            print(table)


if __name__ == "__main__":
    main()
