#!/usr/bin/env python3
"""A real ASE `VibrationsData.write` file (ammonia, RHF/6-31G* with PySCF) and ASE's isotope masses,
for `MoleculeTests` and `IsotopeMassesTests`.

Run from the repository root (`python3 -m venv .venv && .venv/bin/pip install pyscf ase`), or name
another interpreter with $PYTHON:

    .venv/bin/python Tests/MoleculesTests/Fixtures/make_ase_vibrations_fixture.py

Writes, next to this script:
  ammonia_ase_vibrations.json  ase.vibrations.VibrationsData.from_2d(atoms, hessian).write(...): NH3 at its
                               RHF/6-31G* minimum (Newton with the analytic Hessian, C3v imposed, C3 along z,
                               H1 in the xz-plane; positions in angstrom), masses set to the most abundant
                               isotopes, Hessian converted to eV/angstrom^2 with ase.units.
  ammonia_reference.json       what ASE reports for it: VibrationsData.get_frequencies() (cm^-1; real parts,
                               the six near-zero ones included, sorted), the masses, ASE's version.
  ase_isotope_masses.json      ase.data.atomic_masses_common (most abundant isotope, u) by symbol for
                               Z = 1...36 and Rb Sr Ag Cd Sn I Xe Pt Au Hg Pb.
"""
import json
import pathlib

import ase
import numpy as np
from ase import Atoms, units
from ase.data import atomic_masses_common, chemical_symbols
from ase.vibrations import VibrationsData

from pyscf_support import ANGSTROM_PER_BOHR, MASSES, Calculator, log, optimise

here = pathlib.Path(__file__).resolve().parent
species = ["N", "H", "H", "H"]


def c3v_operations():
    c, s = np.cos(2 * np.pi / 3), np.sin(2 * np.pi / 3)
    c3 = np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]])
    sigma = np.diag([1.0, -1.0, 1.0])  # the xz-plane, holding H1
    ops = [(np.eye(3), [0, 1, 2, 3]), (c3, [0, 2, 3, 1]), (c3 @ c3, [0, 3, 1, 2])]
    swap = [0, 1, 3, 2]
    return ops + [(sigma @ r, [swap[p[i]] for i in range(4)]) for r, p in ops]


def main():
    calc = Calculator(species, "6-31g*")
    r, z = 1.78, 0.68
    x0 = np.array([[0, 0, 0.12]] + [[r * np.cos(2 * np.pi * k / 3), r * np.sin(2 * np.pi * k / 3), -z + 0.12]
                                     for k in range(3)])
    eq = optimise(calc, x0, c3v_operations())
    masses = [MASSES[s] for s in species]
    atoms = Atoms("".join(species), positions=eq["x"] * ANGSTROM_PER_BOHR, masses=masses)
    hessian = eq["hessian"] * units.Hartree / units.Bohr ** 2
    vib = VibrationsData.from_2d(atoms, hessian)
    vib.write(here / "ammonia_ase_vibrations.json")
    back = VibrationsData.read(here / "ammonia_ase_vibrations.json")
    frequencies = np.sort(np.real(back.get_frequencies()))
    log("ASE frequencies (cm^-1):", np.round(frequencies, 4))
    with open(here / "ammonia_reference.json", "w") as f:
        json.dump({"level_of_theory": "RHF/6-31G*", "ase_version": ase.__version__, "masses_u": masses,
                   "ase_frequencies_cm1": [float(v) for v in frequencies],
                   "max_gradient_hartree_per_bohr": float(np.abs(eq["gradient"]).max())}, f, indent=1)
        f.write("\n")
    zs = list(range(1, 37)) + [37, 38, 47, 48, 50, 53, 54, 78, 79, 80, 82]
    with open(here / "ase_isotope_masses.json", "w") as f:
        json.dump({chemical_symbols[z]: float(atomic_masses_common[z]) for z in zs}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
