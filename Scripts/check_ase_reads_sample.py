"""Check that ASE reads an extended XYZ file written by `symscale sample water --format extxyz`
and gets the same energies (and geometries) as the CSV that `symscale sample` writes for the
same seed; with --molecule FILE, that ASE reads the geometries `symscale sample --molecule FILE`
writes (atoms, count, positions to 17 digits, the q of each frame).

Run from the package root after `swift build`:

    .venv/bin/python Scripts/check_ase_reads_sample.py --symscale .build/debug/symscale --n 200 --seed 42
    .venv/bin/python Scripts/check_ase_reads_sample.py --molecule Tests/MoleculesTests/Fixtures/formaldehyde.json

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
    parser.add_argument("--molecule", help="a molecule file: check `symscale sample --molecule` instead of water")
    args = parser.parse_args()
    if args.molecule:
        return check_molecule(args)

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


def check_molecule(args) -> int:
    """ASE reads `symscale sample --molecule` output: species, frame count, positions, q."""
    import json
    with open(args.molecule) as f:
        species = json.load(f)["species"]
    with tempfile.TemporaryDirectory() as tmp:
        xyz = Path(tmp) / "molecule.xyz"
        subprocess.run([args.symscale, "sample", "--molecule", args.molecule, "--n", str(args.n), "--seed",
                        str(args.seed), "--sigma", "0.7071", "--output", str(xyz)], check=True)
        frames = ase.io.read(xyz, index=":", format="extxyz")
        raw = xyz.read_text().splitlines()
    failures = 0
    ok = len(frames) == args.n and all(a.get_chemical_symbols() == species for a in frames)
    failures += not ok
    print(f"{'ok  ' if ok else 'FAIL'} frames and atoms: ASE read {len(frames)} frames of {' '.join(species)}")
    n = len(species)
    first = np.array([[float(v) for v in line.split()[1:4]] for line in raw[2:2 + n]])
    d = np.max(np.abs(frames[0].get_positions() - first))
    failures += d != 0.0
    print(f"{'ok  ' if d == 0.0 else 'FAIL'} positions of frame 0 as written (17 digits): max |difference| {d:.3e} angstrom")
    q = np.array([np.atleast_1d(a.info["q"]) for a in frames], dtype=float)
    sd = q.std()
    good = q.shape[1] in (3 * n - 5, 3 * n - 6) and abs(sd - 0.7071) < 4 * 0.7071 / np.sqrt(2 * q.size)
    failures += not good
    print(f"{'ok  ' if good else 'FAIL'} q info: {q.shape[1]} normal coordinates per frame, standard deviation {sd:.4f} (asked 0.7071)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
