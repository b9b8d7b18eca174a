#!/usr/bin/env python3
"""Check that ASE reads an extended XYZ file written by SymmetryScaling and gets the same values.

The Swift test `ExtendedXYZTests` ("re-writes the ASE fixture ...") parses ase_water.xyz, writes it
back with `ExtendedXYZ.write`, and, when the environment variable DATASETS_WRITE_EXTXYZ names a
path, leaves that file there. This script reads it with ASE and compares every frame with
ase_water.json (the values ASE read from its own file). Run from the repository root:

    DATASETS_WRITE_EXTXYZ=/tmp/ours.xyz swift test --filter ExtendedXYZTests
    .venv/bin/python Tests/DatasetsTests/Fixtures/check_ase_reads.py /tmp/ours.xyz

Exit status 0 and "OK" when symbols, positions, forces, energy (eV, through ASE's calculator),
energy_hartree, comment, cell and pbc all agree (reals to 1e-13 relative); otherwise the first
mismatch is printed and the exit status is 1. `--expected OTHER.json` compares with another file
of the same layout.
"""
import argparse
import json
import pathlib
import sys

import numpy as np
from ase.io import read

here = pathlib.Path(__file__).resolve().parent
parser = argparse.ArgumentParser()
parser.add_argument("xyz")
parser.add_argument("--expected", default=str(here / "ase_water.json"))
args = parser.parse_args()

expected = json.loads(pathlib.Path(args.expected).read_text())["frames"]
frames = read(args.xyz, index=":", format="extxyz")
if len(frames) != len(expected):
    sys.exit(f"{args.xyz}: ASE read {len(frames)} frames, expected {len(expected)}")


def close(a, b):
    return np.allclose(np.asarray(a, float), np.asarray(b, float), rtol=1e-13, atol=1e-15)


for k, (atoms, e) in enumerate(zip(frames, expected)):
    checks = {
        "symbols": atoms.get_chemical_symbols() == e["symbols"],
        "positions": close(atoms.positions, e["positions"]),
        "forces": close(atoms.get_forces(), e["forces"]),
        "energy": close(atoms.get_potential_energy(), e["energy"]),
        "energy_hartree": close(atoms.info["energy_hartree"], e["energy_hartree"]),
        "comment": atoms.info.get("comment") == e["comment"],
        "cell": close(atoms.cell.array, e["cell"]),
        "pbc": [bool(p) for p in atoms.pbc] == e["pbc"],
    }
    bad = [name for name, ok in checks.items() if not ok]
    if bad:
        sys.exit(f"{args.xyz}: frame {k}: ASE reads different {', '.join(bad)}")
print(f"OK: ASE reads {len(frames)} frames from {args.xyz} with the expected values")
