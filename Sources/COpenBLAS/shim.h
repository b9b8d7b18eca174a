// COpenBLAS: CBLAS from Debian's libopenblas-dev, plus the few Fortran LAPACK routines
// SymmetryScaling calls. Debian ships no LAPACKE, so the Fortran symbols are declared here.
//
// Fortran calling conventions (gfortran, LP64 OpenBLAS as packaged by Debian):
//  - every argument is passed by pointer;
//  - INTEGER is a 32-bit `int`;
//  - matrices are column-major; a row-major symmetric matrix is its own column-major view;
//  - each CHARACTER argument adds a hidden `size_t` length at the END of the argument list,
//    in the order the CHARACTER arguments appear. We always pass 1.
#ifndef SYMMETRYSCALING_COPENBLAS_SHIM_H
#define SYMMETRYSCALING_COPENBLAS_SHIM_H

#include <stddef.h>
#include <cblas.h>

/// Cholesky factorisation of a symmetric positive-definite matrix, in place.
/// uplo 'U': A = Uᵀ U, upper triangle (column-major) referenced and overwritten.
/// info = 0 success; info = -i argument i illegal; info = k > 0 the leading minor of order k
/// is not positive definite.
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info,
             size_t uplo_len);

/// Divide-and-conquer eigen-decomposition of a symmetric matrix.
/// jobz 'V' computes eigenvectors (written over A, one per column, column-major);
/// w receives the eigenvalues in ascending order. lwork = liwork = -1 is a workspace query:
/// the optimal sizes come back in work[0] and iwork[0]. info > 0: the algorithm failed to
/// converge.
void dsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda,
             double *w, double *work, const int *lwork, int *iwork, const int *liwork,
             int *info, size_t jobz_len, size_t uplo_len);

/// Inverse of a symmetric positive-definite matrix from its Cholesky factor (output of dpotrf_
/// with the same uplo). Only the `uplo` triangle of the result is written.
void dpotri_(const char *uplo, const int *n, double *a, const int *lda, int *info,
             size_t uplo_len);

/// LQ factorisation A = L Q of an m × n matrix (m ≤ n here), in place: L in the lower triangle,
/// Q as Householder reflectors above it with scalar factors in tau (length m). lwork = -1 is a
/// workspace query (optimal size in work[0]).
void dgelqf_(const int *m, const int *n, double *a, const int *lda, double *tau, double *work,
             const int *lwork, int *info);

/// Forms the m × n matrix Q with orthonormal rows from dgelqf_'s reflectors (k = m of them), in
/// place. lwork = -1 is a workspace query.
void dorglq_(const int *m, const int *n, const int *k, double *a, const int *lda, const double *tau,
             double *work, const int *lwork, int *info);

/// Product of a triangular factor with its transpose, in place (the step dpotri uses after dtrtri).
/// uplo 'U': A ← U Uᵀ; uplo 'L': A ← Lᵀ L; only that triangle (column-major) is referenced and
/// overwritten. info = -i: argument i illegal.
void dlauum_(const char *uplo, const int *n, double *a, const int *lda, int *info, size_t uplo_len);

void dpstrf_(const char *uplo, const int *n, double *a, const int *lda, int *piv, int *rank,
             const double *tol, double *work, int *info, size_t uplo_len);

#endif
