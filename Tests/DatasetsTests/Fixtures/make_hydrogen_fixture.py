#!/usr/bin/env python3
"""Reference values of the real hydrogen orbitals psi_nlm (Z = 1, atomic units) for `HydrogenOrbitalTests`,
computed independently with scipy's complex spherical harmonics and generalized Laguerre polynomials.

Run from the repository root:

    .venv/bin/python Tests/DatasetsTests/Fixtures/make_hydrogen_fixture.py

Writes hydrogen_orbitals.csv next to this script, header n,l,m,x,y,z,psi (17 significant digits):
50 points per orbital for every n <= 4, l < n, -l <= m <= l (30 orbitals, 1500 rows).

  R_nl(r) = sqrt((2/n)^3 (n-l-1)! / (2n (n+l)!)) exp(-r/n) (2r/n)^l L_{n-l-1}^{2l+1}(2r/n)
            with L from scipy.special.genlaguerre;
  Y_lm    = sqrt(2) (-1)^m Re Y_l^m     (m > 0),   Y_l^0   (m = 0),
            sqrt(2) (-1)^m Im Y_l^|m|   (m < 0),
            with Y_l^m = scipy.special.sph_harm_y(l, m, theta, phi) (Condon-Shortley phase included,
            theta polar from +z, phi azimuth from +x);
  psi     = R_nl(r) Y_lm(theta, phi).

Points (numpy default_rng(20260526), per orbital in order): r uniform in [0.05, 2.5 n^2] bohr, a
direction uniform on the sphere (normalized standard normal triple). Points within 2e-3 (relative)
of a node of psi are redrawn, so a relative comparison is meaningful: |Y_lm| >= 2e-3 max|Y_lm| and
|L(2r/n)| >= 2e-3 max over the sample range are required.
"""
import math
import pathlib

import numpy as np
from scipy.special import genlaguerre, sph_harm_y

here = pathlib.Path(__file__).resolve().parent
rng = np.random.default_rng(20260526)


def radial(n, l, r):
    norm = math.sqrt((2.0 / n) ** 3 * math.factorial(n - l - 1) / (2.0 * n * math.factorial(n + l)))
    x = 2.0 * r / n
    return norm * np.exp(-r / n) * x**l * genlaguerre(n - l - 1, 2 * l + 1)(x)


def real_ylm(l, m, theta, phi):
    y = sph_harm_y(l, abs(m), theta, phi)
    if m > 0:
        return math.sqrt(2.0) * (-1) ** m * y.real
    if m < 0:
        return math.sqrt(2.0) * (-1) ** m * y.imag
    return y.real


rows = []
for n in range(1, 5):
    for l in range(n):
        lag = genlaguerre(n - l - 1, 2 * l + 1)
        grid = np.linspace(0.0, 2.0 * 2.5 * n * n / n, 20001)
        lag_scale = np.abs(lag(grid)).max()
        for m in range(-l, l + 1):
            t = np.linspace(0, np.pi, 401)
            p = np.linspace(0, 2 * np.pi, 801)
            tt, pp = np.meshgrid(t, p)
            y_scale = np.abs(real_ylm(l, m, tt, pp)).max()
            kept = 0
            while kept < 50:
                r = rng.uniform(0.05, 2.5 * n * n)
                d = rng.standard_normal(3)
                d /= np.linalg.norm(d)
                x, y, z = r * d
                theta = math.acos(max(-1.0, min(1.0, z / r)))
                phi = math.atan2(y, x)
                if abs(real_ylm(l, m, theta, phi)) < 2e-3 * y_scale or abs(lag(2 * r / n)) < 2e-3 * lag_scale:
                    continue
                psi = radial(n, l, r) * real_ylm(l, m, theta, phi)
                rows.append((n, l, m, x, y, z, psi))
                kept += 1

out = here / "hydrogen_orbitals.csv"
np.savetxt(out, np.array(rows, dtype=float), delimiter=",", header="n,l,m,x,y,z,psi", comments="", fmt="%.17g")
print(f"wrote {out} ({len(rows)} rows)")
