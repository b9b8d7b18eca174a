"""Reference values of the exponentially scaled Bessel function I0e for ModifiedBesselTests.

Command (from the package root):
    .venv/bin/python Tests/RegressionTests/Fixtures/make_i0e.py > Tests/RegressionTests/Fixtures/i0e.csv
"""
import numpy as np
from scipy.special import i0e

xs = np.concatenate([[0.0, 1e-300, 1e-12, 1e-6, 1e-3], np.linspace(0.01, 8.0, 40), [7.999999, 8.0, 8.000001],
                     np.geomspace(8.5, 1e6, 30), [1e10, 1e300]])
print("x,i0e")
for x in xs:
    print(f"{x:.17g},{i0e(x):.17g}")
