"""Reference Haar averages of the Laplacian and Matérn kernels (and of their log-length-scale
derivatives) for HaarAveragedKernelTests.

O(3) (haar_sphere.csv): the average (1/2) ∫_0^π κ(t(θ)) sin θ dθ, t² = (r − r′)² + 4 r r′ sin²(θ/2),
by scipy.integrate.quad (column `quad`), and the closed form through the antiderivative,
[G(u₋) − G(u₊)] / (2 a² r r′) with G = Q e^(−u), Q = q + q′ + q″ + …, q(u) = u P(u), in 60-digit
decimal arithmetic (column `exact`): a different formula from the Swift one, free of rounding.
O(2) (haar_cylinder.csv): (1/π) ∫_0^π κ(t(φ)) dφ, t² = (z − z′)² + (ρ − ρ′)² + 4ρρ′ sin²(φ/2), by
scipy.integrate.quad with breakpoints at multiples of the width of the kink (column `quad`).

Families: 1 Laplacian exp(−u), u = t/σ; 2 Matérn 3/2 (1 + u) e^(−u), u = √3 t/σ;
3 Matérn 5/2 (1 + u + u²/3) e^(−u), u = √5 t/σ. derivative = 1: ∂κ/∂log σ = u (P − P′) e^(−u).

Command (from the package root):
    .venv/bin/python Tests/RegressionTests/Fixtures/make_haar_averages.py Tests/RegressionTests/Fixtures
"""
import math
import sys
from decimal import Decimal, getcontext

from scipy.integrate import quad

getcontext().prec = 60
POLY = {1: [1.0], 2: [1.0, 1.0], 3: [1.0, 1.0, 1.0 / 3]}
POLY_EXACT = {1: [Decimal(1)], 2: [Decimal(1), Decimal(1)], 3: [Decimal(1), Decimal(1), Decimal(1) / 3]}
RATE = {1: 1, 2: 3, 3: 5}  # rate = sqrt(RATE)/σ


def derivative_poly(p):
    """u (P − P′), lowest degree first."""
    dp = [i * p[i] for i in range(1, len(p))] + [0 * p[0]]
    return [0 * p[0]] + [p[i] - dp[i] for i in range(len(p))]


def profile(family, derivative, exact=False):
    p = (POLY_EXACT if exact else POLY)[family]
    return derivative_poly(p) if derivative else p


def horner(p, u):
    acc = 0 * u
    for c in reversed(p):
        acc = acc * u + c
    return acc


def f(p, u):
    return horner(p, u) * math.exp(-u)


def breakpoints(width):
    """Geometric breakpoints width·2^k in (0, π): the integrand varies on the scale of the kink's
    width near the angle 0 (fewer breakpoints let quad miss it by 5e-13 at width 1e-6)."""
    out, x = [], max(width, 1e-12)
    while x < math.pi:
        out.append(x)
        x *= 2
    return out


def sphere_quad(family, derivative, sigma, r1, r2):
    p = profile(family, derivative)
    a = math.sqrt(RATE[family]) / sigma

    def g(th):
        s = math.sin(th / 2)
        return f(p, a * math.sqrt((r1 - r2) ** 2 + 4 * r1 * r2 * s * s)) * math.sin(th)

    width = abs(r1 - r2) / max(math.sqrt(r1 * r2), 1e-300)
    pts = breakpoints(width) + breakpoints(1 / (a * max(math.sqrt(r1 * r2), 1e-300)))
    v, err = quad(g, 0, math.pi, epsabs=0, epsrel=1e-13, limit=2000, points=pts)
    return v / 2, err / 2


def sphere_exact(family, derivative, sigma, r1, r2):
    p = profile(family, derivative, exact=True)
    q = [Decimal(0)] + p  # q(u) = u P(u)
    # Q = q + q′ + q″ + … (Q − Q′ = q)
    big_q = [Decimal(0)] * len(q)
    d = q[:]
    while any(c != 0 for c in d):
        big_q = [big_q[i] + (d[i] if i < len(d) else 0) for i in range(len(big_q))]
        d = [i * d[i] for i in range(1, len(d))] + [Decimal(0)]
    a = Decimal(RATE[family]).sqrt() / Decimal(sigma)
    r1, r2 = Decimal(r1), Decimal(r2)
    if r1 == 0 or r2 == 0:
        u = a * max(r1, r2)
        return float(horner(p, u) * (-u).exp())
    lo, hi = a * abs(r1 - r2), a * (r1 + r2)
    big_g = lambda u: horner(big_q, u) * (-u).exp()
    return float((big_g(lo) - big_g(hi)) / (2 * a * a * r1 * r2))


def cylinder_quad(family, derivative, sigma, rho1, z1, rho2, z2):
    p = profile(family, derivative)
    a = math.sqrt(RATE[family]) / sigma
    v0 = a * a * ((rho1 - rho2) ** 2 + (z1 - z2) ** 2)
    b = a * a * rho1 * rho2
    if b == 0:
        return f(p, math.sqrt(v0)), 0.0

    def g(th):
        s = math.sin(th / 2)
        return f(p, math.sqrt(v0 + 4 * b * s * s))

    ystar = 2 * math.asinh(math.sqrt(v0) / (2 * math.sqrt(b)))
    pts = breakpoints(ystar) + breakpoints(1 / math.sqrt(b))
    v, err = quad(g, 0, math.pi, epsabs=1e-17, epsrel=1e-13, limit=2000, points=pts)
    return v / math.pi, err / math.pi


SPHERE = [  # sigma, r, r′
    (1.0, 1.0, 1.5), (0.4, 0.3, 2.0), (1.0, 0.0, 0.7), (0.5, 1.2, 0.0), (1.0, 1e-4, 1.0), (1.0, 1e-3, 1e-3),
    (1.0, 1.0, 1.0), (1.0, 30.0, 31.0), (0.2, 12.0, 12.0), (0.1, 25.0, 25.000001), (3.0, 0.5, 0.50001),
    (1.0, 5.0, 0.01), (2.0, 1e-6, 3e-6), (0.7, 2.2, 0.9), (0.05, 0.3, 0.31), (1.0, 1e-9, 0.5),
]
CYLINDER = [  # sigma, ρ, z, ρ′, z′
    (1.0, 1.0, 0.0, 1.2, 0.5), (0.4, 0.3, 0.1, 1.0, -0.6), (1.0, 1.0, 0.3, 1.0, 0.3), (0.4, 0.8, -0.2, 0.8, -0.2),
    (1.0, 1.0, 0.0, 1.0, 1e-9), (1.0, 1.0, 0.0, 1.0 + 1e-6, 0.0), (0.3, 1.5, 0.0, 1.5, 0.03),
    (0.1, 5.0, 0.0, 5.0, 0.01), (0.1, 5.0, 0.0, 5.05, 0.0), (1.0, 0.0, 0.2, 1.3, -0.4), (1.0, 1e-5, 0.0, 1.0, 0.0),
    (0.5, 2.0, 1.0, 0.5, -1.0), (2.0, 0.2, 0.0, 0.25, 0.05), (0.05, 3.0, 0.0, 3.0, 0.0), (1.0, 10.0, 5.0, 1.0, 0.0),
    (0.2, 0.7, 0.1, 0.9, 0.15),
]

out = sys.argv[1] if len(sys.argv) > 1 else "."
with open(f"{out}/haar_sphere.csv", "w") as fh:
    fh.write("family,derivative,sigma,r1,r2,exact,quad,quad_error\n")
    for family in (1, 2, 3):
        for derivative in (0, 1):
            for sigma, r1, r2 in SPHERE:
                v, e = sphere_quad(family, derivative, sigma, r1, r2)
                x = sphere_exact(family, derivative, sigma, r1, r2)
                fh.write(f"{family},{derivative},{sigma!r},{r1!r},{r2!r},{x!r},{v!r},{e!r}\n")
with open(f"{out}/haar_cylinder.csv", "w") as fh:
    fh.write("family,derivative,sigma,rho1,z1,rho2,z2,quad,quad_error\n")
    for family in (1, 2, 3):
        for derivative in (0, 1):
            for sigma, rho1, z1, rho2, z2 in CYLINDER:
                v, e = cylinder_quad(family, derivative, sigma, rho1, z1, rho2, z2)
                fh.write(f"{family},{derivative},{sigma!r},{rho1!r},{z1!r},{rho2!r},{z2!r},{v!r},{e!r}\n")
