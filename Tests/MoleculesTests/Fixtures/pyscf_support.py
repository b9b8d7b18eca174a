"""Shared helpers of the fixture makers in this folder: RHF energies, gradients and analytic Hessians
with PySCF, Newton optimisation with an imposed point group, harmonic analysis in the project's
convention (dimensionless normal coordinates, atomic units, CODATA 2018)."""
import time

import numpy as np
from pyscf import gto, scf, lib

ANGSTROM_PER_BOHR = 0.529177210903
EV_PER_HARTREE = 27.211386245988
CM_PER_HARTREE = 219474.6313632
ME_PER_U = 1822.888486209
# Most abundant isotopes (u), as ase.data.atomic_masses_common.
MASSES = {"H": 1.00782503223, "C": 12.0, "N": 14.00307400443, "O": 15.99491461957}

lib.num_threads(1)


def log(*args):
    print(time.strftime("%H:%M:%S"), *args, flush=True)


class Calculator:
    """RHF energies, gradients and analytic Hessians of one molecule, reusing the last density as a guess."""

    def __init__(self, species, basis):
        self.species, self.basis, self.dm, self.mol = species, basis, None, None

    def molecule(self, x):
        """A PySCF molecule at positions x (n x 3, bohr)."""
        return gto.M(atom=[(s, tuple(p)) for s, p in zip(self.species, x)], unit="Bohr", basis=self.basis,
                     symmetry=False, verbose=0)

    def scf(self, x):
        if self.mol is None:
            self.mol = self.molecule(x)
        else:
            self.mol.set_geom_(np.asarray(x), unit="Bohr")
        mf = scf.RHF(self.mol)
        mf.conv_tol = 1e-12
        mf.conv_tol_grad = 1e-8
        mf.max_cycle = 200
        e = mf.kernel(dm0=self.dm)
        if not mf.converged:
            raise RuntimeError(f"SCF did not converge at {x.tolist()}")
        self.dm = mf.make_rdm1()
        return mf, e

    def energy(self, x):
        return self.scf(x)[1]

    def hessian(self, x):
        """Energy (hartree), gradient (n x 3, hartree/bohr), Cartesian Hessian (3n x 3n, hartree/bohr^2)."""
        mf, e = self.scf(x)
        g = mf.nuc_grad_method().kernel()
        h_obj = mf.Hessian()
        h_obj.conv_tol = 1e-10
        h4 = h_obj.kernel()
        n = len(self.species)
        h = h4.transpose(0, 2, 1, 3).reshape(3 * n, 3 * n)
        return e, g, 0.5 * (h + h.T)


def symmetrize(x, operations):
    """Average of R^T x[perm] over operations (R, perm) with R x[a] = x[perm[a]]."""
    return sum((r.T @ x[perm].T).T for r, perm in operations) / len(operations)


def external_basis(x, m):
    """Orthonormal translations and rotations in mass-weighted coordinates (3n x 6)."""
    n = len(m)
    sq = np.sqrt(np.repeat(m, 3))
    p = x - (m[:, None] * x).sum(0) / m.sum()
    vecs = []
    for a in range(3):
        t = np.zeros((n, 3)); t[:, a] = 1
        vecs.append(t.ravel() * sq)
    for a in range(3):
        e = np.zeros(3); e[a] = 1
        vecs.append(np.cross(e, p).ravel() * sq)
    q, _ = np.linalg.qr(np.array(vecs).T)
    return q


def harmonic(x, h, masses_u):
    """Wavenumbers (cm^-1) and Cartesian displacements per unit dimensionless q (bohr, columns)."""
    m = np.array(masses_u) * ME_PER_U
    sq = np.sqrt(np.repeat(m, 3))
    b = external_basis(x, m)
    p = np.eye(len(sq)) - b @ b.T
    w, v = np.linalg.eigh(p @ (h / np.outer(sq, sq)) @ p)
    omega = np.sqrt(w[6:])
    return omega * CM_PER_HARTREE, v[:, 6:] / sq[:, None] / np.sqrt(omega)[None, :]


def optimise(calc, x, operations, gradient_tolerance=2e-9):
    """Newton-Raphson with the analytic Hessian, the geometry symmetrised after each step."""
    n = len(x)
    for it in range(30):
        e, g, h = calc.hessian(x)
        gmax = np.abs(g).max()
        log(f"optimisation step {it}: E = {e:.12f} hartree, max |gradient| = {gmax:.3e} hartree/bohr")
        if gmax < gradient_tolerance:
            return {"x": x, "energy": np.array(e), "gradient": g, "hessian": h}
        b = external_basis(x, np.ones(n))
        p = np.eye(3 * n) - b @ b.T
        w, v = np.linalg.eigh(p @ h @ p)
        keep = np.abs(w) > 1e-6
        step = -(v[:, keep] / w[keep]) @ (v[:, keep].T @ (p @ g.ravel()))
        x = symmetrize(x + step.reshape(n, 3), operations)
    raise RuntimeError("Newton optimisation did not converge")
