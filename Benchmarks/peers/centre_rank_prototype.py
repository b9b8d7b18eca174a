"""Numerical rank of the Gaussian kernel on water geometries, and what dropping dependent centres costs.

The numpy/scipy prototype behind `CentreRank` (Documentation/Scaling.md, "Centres beyond the kernel's
numerical rank"). Independent of the Swift code: kernel, pivoted Cholesky (LAPACK dpstrf through scipy)
and the direct Nyström solve are written here from their formulas.

    .build/release/nystrom-benchmark --case water-csv --n 8192 --train-out train.csv --test-out test.csv
    python3 Benchmarks/peers/centre_rank_prototype.py --train train.csv --test test.csv

Prints, for M = 512, 2048, 8192 centres drawn uniformly (seed 1): the number of eigenvalues of K_mm
above 1e-6 … 1e-14 of the largest, then the test MAE of the direct solve with all centres and with the
centres a pivoted Cholesky keeps at relative tolerance 10·u (CentreRank.numerical), M·u (LAPACK's
default), 1e-12 and 1e-10, for λ = 1e-6, 1e-8, 1e-10.
"""
import argparse

import numpy as np
from scipy.linalg import lapack, solve_triangular


def kernel(a, b, sigma):
    d = (a * a).sum(1)[:, None] + (b * b).sum(1)[None, :] - 2 * a @ b.T
    return np.exp(-0.5 * np.maximum(d, 0) / sigma**2)


def direct_mae(x, y, xt, yt, c, lam, sigma):
    m = len(c)
    kmm = kernel(c, c, sigma)
    kmm[np.diag_indices(m)] += m * 2.2e-16 * kmm.diagonal().mean()  # the Swift solver's jitter
    lower = np.linalg.cholesky(kmm)
    phi = solve_triangular(lower, kernel(x, c, sigma).T, lower=True).T
    gram = phi.T @ phi
    gram[np.diag_indices(m)] += lam
    beta = np.linalg.solve(gram, phi.T @ y)
    alpha = solve_triangular(lower.T, beta, lower=False)
    return np.abs(kernel(xt, c, sigma) @ alpha - yt).mean()


def kept_centres(c, relative, sigma):
    a = kernel(c, c, sigma)
    _, piv, rank, _ = lapack.dpstrf(a, tol=relative * a.diagonal().max(), lower=1)
    return c[np.sort(piv[:rank] - 1)]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--train", required=True)
    p.add_argument("--test", required=True)
    p.add_argument("--sigma", type=float, default=1.8)
    a = p.parse_args()
    tr = np.loadtxt(a.train, delimiter=",", skiprows=1)
    te = np.loadtxt(a.test, delimiter=",", skiprows=1)
    x, y, xt, yt = tr[:, :-1], tr[:, -1], te[:, :-1], te[:, -1]
    rng = np.random.default_rng(1)
    for m in (512, 2048, 8192):
        c = x[rng.choice(len(x), min(m, len(x)), replace=False)]
        w = np.linalg.eigvalsh(kernel(c, c, a.sigma))[::-1]
        print(f"M = {len(c)}: eigenvalues above t·max:",
              ", ".join(f"t={t:g}: {int((w > t * w[0]).sum())}" for t in (1e-6, 1e-8, 1e-10, 1e-12, 1e-14)))
        for lam in (1e-6, 1e-8, 1e-10):
            row = [f"  λ = {lam:g}: all {direct_mae(x, y, xt, yt, c, lam, a.sigma):.4g}"]
            for tol in (10 * 2.0**-53, len(c) * 2.0**-53, 1e-12, 1e-10):
                kept = kept_centres(c, tol, a.sigma)
                row.append(f"τ={tol:.2g}: {len(kept)} kept, {direct_mae(x, y, xt, yt, kept, lam, a.sigma):.4g}")
            print("; ".join(row))


if __name__ == "__main__":
    main()
