"""Check that ASE reads an extended XYZ file written by `symscale sample water --format extxyz`
and gets the same energies (and geometries) as the CSV that `symscale sample` writes for the
same seed.

Run from the package root after `swift build`:

    .venv/bin/python Scripts/check_ase_reads_sample.py --symscale .build/debug/symscale --n 200 --seed 42

Prints one summary line per check and exits non-zero if any check fails.
"""
import argparse
import csv
import math
import subprocess
import sys
import tempfile
from pathlib import Path

import ase
import ase.io
import numpy as np

EV_PER_HARTREE = 27.211386245988      # the factor symscale uses (CODATA 2018, = ase.units.Hartree in recent ASE)
ANGSTROM_PER_BOHR = 0.529177249       # the Partridge-Schwenke routine's constant, used by symscale


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--symscale", default=".build/debug/symscale")
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        xyz = Path(tmp) / "sample.xyz"
        table = Path(tmp) / "sample.csv"
        common = [args.symscale, "sample", "water", "--n", str(args.n), "--seed", str(args.seed)]
        subprocess.run(common + ["--format", "extxyz", "--output", str(xyz)], check=True)
        subprocess.run(common + ["--format", "csv", "--output", str(table)], check=True)

        frames = ase.io.read(xyz, index=":", format="extxyz")
        with open(table) as f:
            rows = list(csv.DictReader(f))

    failures = 0

    def report(name, ok, detail):
        nonlocal failures
        failures += 0 if ok else 1
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}")

    report("frame count", len(frames) == len(rows) == args.n, f"ASE read {len(frames)} frames, CSV has {len(rows)} rows")
    symbols_ok = all(a.get_chemical_symbols() == ["O", "H", "H"] for a in frames)
    report("atoms", symbols_ok, "every frame is O, H, H")

    e_ase = np.array([a.get_potential_energy() for a in frames])          # eV, via ASE's calculator
    e_info = np.array([float(a.info["energy_hartree"]) for a in frames])  # hartree
    e_csv = np.array([float(r["energy"]) for r in rows])                  # hartree
    d_ev = np.max(np.abs(e_ase - e_csv * EV_PER_HARTREE))
    report("energy (eV) vs CSV energy x 27.211386245988", d_ev <= 1e-13 * np.max(np.abs(e_ase)) + 1e-15,
           f"max |difference| {d_ev:.3e} eV over energies up to {np.max(np.abs(e_ase)):.4f} eV")
    d_h = np.max(np.abs(e_info - e_csv))
    report("energy_hartree vs CSV energy", d_h == 0.0, f"max |difference| {d_h:.3e} hartree")

    geo = []
    for a in frames:
        p = a.get_positions() / ANGSTROM_PER_BOHR
        v1, v2 = p[1] - p[0], p[2] - p[0]
        r1, r2 = np.linalg.norm(v1), np.linalg.norm(v2)
        theta = math.acos(np.clip(np.dot(v1, v2) / (r1 * r2), -1, 1))
        geo.append((r1, r2, theta))
    geo = np.array(geo)
    ref = np.array([[float(r["r1"]), float(r["r2"]), float(r["theta"])] for r in rows])
    d_g = np.max(np.abs(geo - ref))
    report("geometry (r1, r2 bohr; theta rad) vs CSV", d_g <= 1e-12, f"max |difference| {d_g:.3e}")
    print(f"ASE {ase.__version__}; {len(frames)} frames; energies {e_csv.min():.6e} ... {e_csv.max():.6e} hartree")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
