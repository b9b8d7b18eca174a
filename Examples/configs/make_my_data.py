"""Writes my-data.csv, the small data set Examples/configs/my-data.json studies.

Command (from the repository root):

    .venv/bin/python Examples/configs/make_my_data.py

600 samples, inputs x0, x1, x2 uniform in [-2, 2] (numpy seed 7), label

    y = cos(1.5 x0) exp(-0.3 x1^2) + 0.2 x2^2

which is even in every coordinate, so the sign flips signs:0,1,2 (|G| = 8) are an exact
label symmetry. Values are written with 17 significant digits.
"""
import numpy as np

rng = np.random.default_rng(7)
x = rng.uniform(-2.0, 2.0, size=(600, 3))
y = np.cos(1.5 * x[:, 0]) * np.exp(-0.3 * x[:, 1] ** 2) + 0.2 * x[:, 2] ** 2
with open(__file__.replace("make_my_data.py", "my-data.csv"), "w") as f:
    f.write("x0,x1,x2,y\n")
    for row, label in zip(x, y):
        f.write(",".join(f"{v:.17g}" for v in (*row, label)) + "\n")
