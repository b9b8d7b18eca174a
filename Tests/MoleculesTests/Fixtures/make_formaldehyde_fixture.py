#!/usr/bin/env python3
"""Ab initio data for formaldehyde H2CO at RHF/cc-pVDZ with PySCF, for `MoleculesTests` and the
formaldehyde learning-curve study.

Run from the repository root (PySCF and ASE from PyPI in a project-local virtual environment;
`python3 -m venv .venv && .venv/bin/pip install pyscf ase`), or name another interpreter with $PYTHON:

    nice .venv/bin/python Tests/MoleculesTests/Fixtures/make_formaldehyde_fixture.py [--samples N]

About 20 minutes of one core (0.2 s per energy, 7 s per Hessian). Intermediate results are
cached in `formaldehyde-work/` beside this script (not committed), so an interrupted run resumes;
`--samples N` writes the first N sampled energies (the draws are the same for every N).

Level of theory: restricted Hartree-Fock, cc-pVDZ basis (spherical), SCF converged to 1e-12
hartree, CPHF to 1e-10. Masses: the most abundant isotopes 12C, 16O, 1H (u). Constants CODATA 2018:
1 bohr = 0.529177210903 angstrom, 1 hartree = 27.211386245988 eV = 219474.6313632 cm^-1,
1 u = 1822.888486209 m_e.

Writes, next to this script:
  formaldehyde.json            the molecule in the symscale-molecule layout: atoms C, O, H, H, the
                               optimised equilibrium (bohr; C2v, Mulliken orientation: molecule in
                               the yz-plane, C=O along z), energy and gradient there, the analytic
                               Cartesian Hessian (hartree/bohr^2), and the analytic Hessians at the 24
                               geometries x_e + s h d_k, s = -2, -1, 1, 2, h = 0.05, along each normal
                               mode k (`displaced_hessians`).
  formaldehyde_reference.json  PySCF's own harmonic analysis (pyscf.hessian.thermo.harmonic_analysis
                               with the masses above): wavenumbers (cm^-1, ascending); the level of
                               theory, versions, steps, seeds.
  formaldehyde_checks.xyz      477 energies for finite-difference checks of the cubic force constants:
                               q = 0; s t e_k (s = +-1, +-2, +-3); a t e_i + b t e_j and 2(a t e_i + b t e_j)
                               (a, b = +-1, i < j); a t e_i + b t e_j + c t e_k and twice that (i < j < k),
                               t = 0.1, in the dimensionless normal coordinates of this script's analysis.
                               Positions with 17 significant digits.
  formaldehyde_energies.xyz    N energies (default 3000) at geometries drawn from a Gaussian in q, q_k ~ N(0, 1/2)
                               independently (the spread of the vibrational ground state, as in the
                               water study), numpy default_rng(11); positions rounded to 1e-8 angstrom
                               before the energy is computed, so each energy belongs to the written
                               geometry exactly.
Extended XYZ files carry energy= (eV) and energy_hartree= (hartree) on the comment line; ASE reads them.
"""
import argparse
import json
import pathlib
import sys

import ase
import ase.io
import numpy as np
import pyscf
from pyscf.hessian import thermo

from pyscf_support import (ANGSTROM_PER_BOHR, CM_PER_HARTREE, EV_PER_HARTREE, MASSES, Calculator, harmonic, log,
                           optimise)

BASIS = "cc-pvdz"
SPECIES = ["C", "O", "H", "H"]
HESSIAN_STEP = 0.05
CHECK_STEP = 0.1
SAMPLE_SEED = 11
SAMPLE_SIGMA = 0.5 ** 0.5

here = pathlib.Path(__file__).resolve().parent
work = here / "formaldehyde-work"
work.mkdir(exist_ok=True)


def cached(name, compute):
    path = work / (name + ".npz")
    if path.exists():
        return dict(np.load(path))
    value = compute()
    np.savez(path, **value)
    return value


def c2v_operations():
    """C2v in the Mulliken frame: C2 along z, molecular plane yz (atoms C, O, H, H)."""
    return [(np.diag([1.0, 1, 1]), [0, 1, 2, 3]), (np.diag([-1.0, -1, 1]), [0, 1, 3, 2]),
            (np.diag([-1.0, 1, 1]), [0, 1, 2, 3]), (np.diag([1.0, -1, 1]), [0, 1, 3, 2])]


def frame_text(x_bohr, energy, digits):
    """One extended XYZ frame (positions in angstrom)."""
    lines = [str(len(SPECIES)),
             f'Properties=species:S:1:pos:R:3 energy={energy * EV_PER_HARTREE:.17g} '
             f'energy_hartree={energy:.17g} pbc="F F F"']
    for s, p in zip(SPECIES, x_bohr * ANGSTROM_PER_BOHR):
        if digits is None:
            lines.append(s + "".join(f" {c:.17g}" for c in p))
        else:
            lines.append(s + "".join(f" {c:.{digits}f}" for c in p))
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description="RHF/cc-pVDZ data for H2CO")
    parser.add_argument("--samples", type=int, default=3000)
    sample_count = parser.parse_args().samples
    calc = Calculator(SPECIES, BASIS)
    log(f"PySCF {pyscf.__version__}, RHF/{BASIS}")
    x0 = np.array([[0, 0, -1.00], [0, 0, 1.27], [0, 1.77, -2.10], [0, -1.77, -2.10]])
    eq = cached("equilibrium", lambda: optimise(calc, x0, c2v_operations()))
    x_e, h_e = eq["x"], eq["hessian"]
    masses = [MASSES[s] for s in SPECIES]
    wavenumbers, d = harmonic(x_e, h_e, masses)
    log("wavenumbers (cm^-1):", np.round(wavenumbers, 4))

    # PySCF's own harmonic analysis, with the same masses.
    ref = thermo.harmonic_analysis(calc.molecule(x_e), h_e.reshape(4, 3, 4, 3).transpose(0, 2, 1, 3),
                                   mass=np.array(masses))
    pyscf_wavenumbers = np.sort(np.real(ref["freq_wavenumber"]))
    log("PySCF harmonic_analysis (cm^-1):", np.round(pyscf_wavenumbers, 4))

    # Displaced Hessians along each mode.
    displaced = []
    for k in range(d.shape[1]):
        for s in (-2, -1, 1, 2):
            def compute(k=k, s=s):
                x = x_e + s * HESSIAN_STEP * d[:, k].reshape(-1, 3)
                e, g, h = calc.hessian(x)
                return {"x": x, "energy": np.array(e), "hessian": h}
            displaced.append(cached(f"displaced_{k}_{s}", compute))
        log(f"displaced Hessians along mode {k + 1} done")

    # Check energies on a grid in q.
    def grid_points():
        nv = d.shape[1]
        pts = [np.zeros(nv)]
        for k in range(nv):
            for s in (-3, -2, -1, 1, 2, 3):
                q = np.zeros(nv); q[k] = s; pts.append(q)
        signs = (-1, 1)
        for i in range(nv):
            for j in range(i + 1, nv):
                for scale in (1, 2):
                    for a in signs:
                        for b in signs:
                            q = np.zeros(nv); q[i] = a * scale; q[j] = b * scale; pts.append(q)
        for i in range(nv):
            for j in range(i + 1, nv):
                for k in range(j + 1, nv):
                    for scale in (1, 2):
                        for a in signs:
                            for b in signs:
                                for c in signs:
                                    q = np.zeros(nv); q[i] = a * scale; q[j] = b * scale; q[k] = c * scale
                                    pts.append(q)
        return np.array(pts) * CHECK_STEP

    def compute_checks():
        qs = grid_points()
        xs = np.array([x_e + (d @ q).reshape(-1, 3) for q in qs])
        es = []
        for i, x in enumerate(xs):
            es.append(calc.energy(x))
            if i % 50 == 0:
                log(f"check energy {i}/{len(xs)}")
        return {"q": qs, "x": xs, "energy": np.array(es)}
    checks = cached("checks", compute_checks)

    # Sampled energies.
    def compute_samples():
        rng = np.random.default_rng(SAMPLE_SEED)
        qs = SAMPLE_SIGMA * rng.standard_normal((sample_count, d.shape[1]))
        xs = np.array([np.round((x_e + (d @ q).reshape(-1, 3)) * ANGSTROM_PER_BOHR, 8) / ANGSTROM_PER_BOHR
                       for q in qs])
        es = np.full(len(xs), np.nan)
        partial = work / "samples_partial.npz"
        if partial.exists():
            old = np.load(partial)["energy"][:len(xs)]
            es[: len(old)] = old
        for i in range(len(xs)):
            if np.isfinite(es[i]):
                continue
            es[i] = calc.energy(xs[i])
            if i % 50 == 49:
                np.savez(partial, energy=es[: i + 1])
                log(f"sample energy {i + 1}/{len(xs)}")
        np.savez(partial, energy=es)
        return {"q": qs, "x": xs, "energy": es}
    samples = compute_samples()

    # Outputs.
    def rows(a):
        return [[float(v) for v in row] for row in np.asarray(a)]
    mol_json = {
        "format": "symscale-molecule",
        "version": 1,
        "comment": f"H2CO, RHF/cc-pVDZ (PySCF {pyscf.__version__}), optimised equilibrium (C2v, molecule in the yz-plane, "
                   f"C=O along z) with its analytic Hessian, and analytic Hessians at x_e + s*{HESSIAN_STEP}*d_k "
                   "(s = -2, -1, 1, 2) along each normal mode; made by make_formaldehyde_fixture.py",
        "species": SPECIES,
        "masses": masses,
        "position_unit": "bohr",
        "energy_unit": "hartree",
        "gradient_unit": "hartree/bohr",
        "hessian_unit": "hartree/bohr^2",
        "positions": rows(x_e),
        "energy": float(eq["energy"]),
        "gradient": rows(eq["gradient"]),
        "hessian": rows(h_e),
        "displaced_hessians": [{"positions": rows(p["x"]), "energy": float(p["energy"]), "hessian": rows(p["hessian"])}
                               for p in displaced],
    }
    with open(here / "formaldehyde.json", "w") as f:
        json.dump(mol_json, f, separators=(",", ":"))
        f.write("\n")
    reference = {
        "level_of_theory": "RHF/cc-pVDZ (spherical), SCF conv_tol 1e-12, CPHF conv_tol 1e-10",
        "program": f"PySCF {pyscf.__version__}, numpy {np.__version__}, ASE {ase.__version__}",
        "masses_u": masses,
        "pyscf_harmonic_wavenumbers_cm1": [float(v) for v in pyscf_wavenumbers],
        "script_wavenumbers_cm1": [float(v) for v in wavenumbers],
        "equilibrium_energy_hartree": float(eq["energy"]),
        "equilibrium_max_gradient_hartree_per_bohr": float(np.abs(eq["gradient"]).max()),
        "displaced_hessian_step_q": HESSIAN_STEP,
        "check_step_q": CHECK_STEP,
        "sample_count": sample_count,
        "sample_seed": SAMPLE_SEED,
        "sample_sigma_q": SAMPLE_SIGMA,
        "sample_energy_above_minimum_cm1": {
            "min": float((samples["energy"].min() - eq["energy"]) * CM_PER_HARTREE),
            "mean": float((samples["energy"].mean() - eq["energy"]) * CM_PER_HARTREE),
            "max": float((samples["energy"].max() - eq["energy"]) * CM_PER_HARTREE),
        },
    }
    with open(here / "formaldehyde_reference.json", "w") as f:
        json.dump(reference, f, indent=1)
        f.write("\n")
    with open(here / "formaldehyde_checks.xyz", "w") as f:
        for x, e in zip(checks["x"], checks["energy"]):
            f.write(frame_text(x, e, None))
    with open(here / "formaldehyde_energies.xyz", "w") as f:
        for x, e in zip(samples["x"], samples["energy"]):
            f.write(frame_text(x, e, 8))

    # ASE reads what we wrote.
    frames = ase.io.read(here / "formaldehyde_energies.xyz", index=":")
    assert len(frames) == sample_count and frames[0].get_chemical_symbols() == SPECIES
    e_ase = np.array([a.get_potential_energy() for a in frames]) / EV_PER_HARTREE
    assert np.abs(e_ase - samples["energy"]).max() < 1e-9
    log("done:", reference["sample_energy_above_minimum_cm1"])


if __name__ == "__main__":
    sys.exit(main())
