#!/bin/sh
# Regenerates the scikit-learn agreement fixtures of RegressionTests.
# Exact command (run from the repository root):
#   sh Tests/RegressionTests/Fixtures/make_sklearn_fixtures.sh
# Uses $PYTHON (default .venv/bin/python, a virtual environment with numpy, scipy and scikit-learn
# 1.9.1, the versions that made the fixtures) and the committed peer script
# Benchmarks/peers/sklearn_peer.py. JSON outputs hold timings and environment too; tests read only
# the hyperparameters and log marginal likelihoods from them.
set -eu
PY=${PYTHON:-.venv/bin/python}
PEER=Benchmarks/peers/sklearn_peer.py
F=Tests/RegressionTests/Fixtures
"$PY" "$PEER" gen --n-train 200 --n-test 100 --seed 7 --train $F/train.csv --test $F/test.csv > $F/gen.json
"$PY" "$PEER" krr --train $F/train.csv --test $F/test.csv --sigma 0.5 --lam 1e-3 --threads 1 \
  --pred-out $F/krr_pred.csv > $F/krr.json
"$PY" "$PEER" gpr --train $F/train.csv --test $F/test.csv --sigma 0.5 --lam 1e-3 --threads 1 \
  --no-optimizer --return-std --pred-out $F/gpr_fixed_pred.csv > $F/gpr_fixed.json
"$PY" "$PEER" gpr --train $F/train.csv --test $F/test.csv --sigma 0.5 --lam 1e-3 --threads 1 \
  --n-restarts 0 --return-std --pred-out $F/gpr_opt_pred.csv > $F/gpr_opt.json
"$PY" "$PEER" gpr --train $F/train.csv --test $F/test.csv --sigma 0.5 --lam 1e-3 --threads 1 \
  --normalize-y --no-optimizer --return-std --pred-out $F/gpr_norm_fixed_pred.csv > $F/gpr_norm_fixed.json
"$PY" "$PEER" gpr --train $F/train.csv --test $F/test.csv --sigma 0.5 --lam 1e-3 --threads 1 \
  --normalize-y --n-restarts 0 --return-std --pred-out $F/gpr_norm_opt_pred.csv > $F/gpr_norm_opt.json
