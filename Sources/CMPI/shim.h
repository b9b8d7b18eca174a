// CMPI: the MPI C API (Open MPI from Debian's libopenmpi-dev) for the optional nystrom-mpi target,
// built only with the package trait MPI (`swift build --traits MPI`). Open MPI defines its handles
// (MPI_COMM_WORLD, MPI_DOUBLE, MPI_SUM, …) as macros over addresses of globals, which Swift cannot
// import; the inline functions below hand them over.
#ifndef SYMMETRYSCALING_CMPI_SHIM_H
#define SYMMETRYSCALING_CMPI_SHIM_H

#include <mpi.h>

static inline MPI_Comm cmpi_comm_world(void) { return MPI_COMM_WORLD; }
static inline MPI_Datatype cmpi_double(void) { return MPI_DOUBLE; }
static inline MPI_Datatype cmpi_long(void) { return MPI_LONG; }
static inline MPI_Op cmpi_sum(void) { return MPI_SUM; }

#endif
