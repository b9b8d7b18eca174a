/// The number of threads OpenBLAS uses for one call.
///
/// On a small machine BLAS threads and other parallel work (a second study, a benchmark
/// peer) fight over the cores: set one thread per concurrent task. The environment variable
/// `OPENBLAS_NUM_THREADS` sets the initial value.
public enum BLASThreads {
  /// Threads used by each BLAS/LAPACK call.
  public static var count: Int {
    get { OpenBLAS.threadCount }
    set {
      precondition(newValue >= 1, "BLAS thread count must be at least 1, got \(newValue)")
      OpenBLAS.threadCount = newValue
    }
  }
}
