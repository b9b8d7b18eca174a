#!/usr/bin/env python3
"""Write an ASE-written extended XYZ fixture (water frames with energy and forces) and the values
ASE itself reads back from it, for `ExtendedXYZTests`.

Run from the repository root:

    .venv/bin/python Tests/DatasetsTests/Fixtures/make_ase_fixture.py

Writes, next to this script:
  ase_water.xyz   four H2O frames (atoms O, H, H) written by ase.io.write(format="extxyz"):
                  positions in angstrom, a SinglePointCalculator energy (eV) and forces (eV/A),
                  an extra info key energy_hartree, a string key with a space; the last frame
                  also has a periodic cell (Lattice=..., pbc="T T T").
  ase_water.json  what ase.io.read(..., index=":") returns for that file: per frame the symbols,
                  positions, forces, energy, energy_hartree, cell and pbc.
The numbers are arbitrary (seeded, default_rng(20260525)); they are not a physical surface.
"""
import json
import pathlib

import ase
import numpy as np
from ase import Atoms
from ase.calculators.singlepoint import SinglePointCalculator
from ase.io import read, write

HARTREE_EV = 27.211386245988
here = pathlib.Path(__file__).resolve().parent
rng = np.random.default_rng(20260525)

base = np.array([[0.0, 0.0, 0.1193], [0.0, 0.7632, -0.4770], [0.0, -0.7632, -0.4770]])
frames = []
for k in range(4):
    atoms = Atoms("OHH", positions=base + 0.05 * rng.standard_normal((3, 3)))
    energy_hartree = -76.4 + 0.01 * rng.standard_normal()
    forces = rng.standard_normal((3, 3))
    atoms.calc = SinglePointCalculator(atoms, energy=energy_hartree * HARTREE_EV, forces=forces)
    atoms.info["energy_hartree"] = energy_hartree
    atoms.info["comment"] = f"frame {k}"
    if k == 3:
        atoms.set_cell([[6.0, 0.0, 0.0], [0.5, 7.0, 0.0], [0.0, 0.0, 8.0]])
        atoms.pbc = True
    frames.append(atoms)

xyz = here / "ase_water.xyz"
write(xyz, frames, format="extxyz")

out = []
for atoms in read(xyz, index=":", format="extxyz"):
    out.append(
        {
            "symbols": atoms.get_chemical_symbols(),
            "positions": atoms.positions.tolist(),
            "forces": atoms.get_forces().tolist(),
            "energy": float(atoms.get_potential_energy()),
            "energy_hartree": float(atoms.info["energy_hartree"]),
            "comment": atoms.info["comment"],
            "cell": atoms.cell.array.tolist(),
            "pbc": [bool(p) for p in atoms.pbc],
        }
    )
(here / "ase_water.json").write_text(json.dumps({"ase_version": ase.__version__, "frames": out}, indent=1))
print(f"wrote {xyz} and ase_water.json ({len(out)} frames, ASE {ase.__version__})")
