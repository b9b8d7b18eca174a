#!/usr/bin/env python3
"""CSV files written by the scikit-learn peer (Benchmarks/peers/sklearn_peer.py), for `CSVTests`.

Run from the repository root:

    .venv/bin/python Tests/DatasetsTests/Fixtures/make_peer_csv_fixture.py

It runs

    sklearn_peer.py gen --n-train 40 --n-test 10 --d 3 --seed 3 --train peer_train.csv --test peer_test.csv

(header x0,x1,x2,y, values np.savetxt(fmt="%.17g")), then writes peer_inputs.csv: the test
inputs alone (header x0,x1,x2, same format), the peer's unlabelled-input convention. Also writes
peer_train.json with the training inputs and labels as parsed by numpy (json floats are exact
shortest representations), so the test checks values independently of our reader.
"""
import json
import pathlib
import subprocess
import sys

import numpy as np

here = pathlib.Path(__file__).resolve().parent
root = here.parents[2]
peer = root / "Benchmarks" / "peers" / "sklearn_peer.py"
subprocess.run(
    [sys.executable, str(peer), "gen", "--n-train", "40", "--n-test", "10", "--d", "3", "--seed", "3",
     "--train", str(here / "peer_train.csv"), "--test", str(here / "peer_test.csv")],
    check=True, stdout=subprocess.DEVNULL,
)
test = np.loadtxt(here / "peer_test.csv", delimiter=",", skiprows=1, ndmin=2)
np.savetxt(here / "peer_inputs.csv", test[:, :-1], delimiter=",", header="x0,x1,x2", comments="", fmt="%.17g")
(here / "peer_test.csv").unlink()
train = np.loadtxt(here / "peer_train.csv", delimiter=",", skiprows=1, ndmin=2)
(here / "peer_train.json").write_text(json.dumps({"inputs": train[:, :-1].tolist(), "labels": train[:, -1].tolist()}))
print("wrote peer_train.csv, peer_train.json, peer_inputs.csv")
