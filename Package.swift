// swift-tools-version: 6.1
//
// SymmetryScaling: exact and approximate label symmetries for kernel regression, and the
// learning curves that measure what they buy. Reproduces arXiv 2605.28238.
//
// Dependency direction (one way, no cycles):
//
//   COpenBLAS ← LinearAlgebra ← Symmetries ← Regression ← LearningCurves ← symscale, Examples
//                            ↖ Datasets ←─────────────────────────┘
//   Datasets knows nothing of symmetries or regression: an orbital states its exact symmetry
//   group as data (`OrbitalSymmetry`), which LearningCurves turns into `Symmetries` values.
//   Molecules → Datasets, Symmetries (← LearningCurves, symscale): any molecule from a Hessian —
//   normal modes, its point group found automatically, and that group as `Symmetries` values in
//   q-space; LearningCurves uses it for the `molecule` study source.
//   SymmetryTesting → Symmetries, Regression
//
//   Regression/LargeScale/ holds the solvers past the N³ wall (Nyström with Falkon's preconditioned
//   CG, its symmetry routes, the cost planner): same module, its own folder. Processes across
//   machines are the optional trait MPI (off by default; needs Debian's libopenmpi-dev):
//
//   CMPI ← nystrom-mpi → Regression, Datasets          (swift build --traits MPI --product nystrom-mpi)
//
// FuzzTesting/ is a separate package (libFuzzer targets for the CSV, extended XYZ and
// study-configuration readers) that depends on this one by path; nothing here depends on it.
import PackageDescription

/// Settings every Swift target shares. Swift 6 language mode is the tools-version default.
let commonSettings: [SwiftSetting] = [
  // Expensive invariant walks: the group-Fourier solver re-checks that every kernel block
  // K^(u) it builds is symmetric, comparing both triangles. Cost: O(|G| N²) extra work per fit,
  // so they are compiled into debug builds (what `swift test` uses) and left out of release.
  .define("SYMMETRYSCALING_INTERNAL_CHECKS", .when(configuration: .debug)),
]

let package = Package(
  name: "SymmetryScaling",
  products: [
    .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
    .library(name: "Symmetries", targets: ["Symmetries"]),
    .library(name: "Regression", targets: ["Regression"]),
    .library(name: "Datasets", targets: ["Datasets"]),
    .library(name: "Molecules", targets: ["Molecules"]),
    .library(name: "LearningCurves", targets: ["LearningCurves"]),
    .library(name: "SymmetryTesting", targets: ["SymmetryTesting"]),
    .executable(name: "symscale", targets: ["symscale"]),
  ],
  traits: [
    .trait(name: "MPI", description: "Build nystrom-mpi against Open MPI (libopenmpi-dev): the rows of a Nyström fit "
             + "distributed over MPI ranks. Off by default; the default build and the tests never need MPI."),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    // `swift package generate-documentation` (the DocC catalogues of the six libraries). A command
    // plugin: resolved with the package (two small repositories), never built by `swift build`.
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
  ],
  targets: [
    // MARK: - C shim

    .systemLibrary(
      name: "COpenBLAS",
      pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev"])]
    ),

    // Open MPI, for the optional `nystrom-mpi` only (trait MPI). Handles are macros in Open MPI's
    // mpi.h, so the shim hands them over through inline functions.
    .systemLibrary(
      name: "CMPI",
      pkgConfig: "ompi-c",
      providers: [.apt(["libopenmpi-dev"])]
    ),

    // MARK: - Libraries

    .target(
      name: "LinearAlgebra",
      dependencies: ["COpenBLAS"],
      swiftSettings: commonSettings
    ),
    .target(
      name: "Symmetries",
      dependencies: ["LinearAlgebra"],
      swiftSettings: commonSettings
    ),
    .target(
      name: "Regression",
      dependencies: ["LinearAlgebra", "Symmetries"],
      swiftSettings: commonSettings
    ),
    .target(
      name: "Datasets",
      dependencies: ["LinearAlgebra"],
      swiftSettings: commonSettings
    ),
    .target(
      name: "Molecules",
      dependencies: ["LinearAlgebra", "Datasets", "Symmetries"],
      swiftSettings: commonSettings
    ),
    .target(
      name: "LearningCurves",
      dependencies: ["LinearAlgebra", "Symmetries", "Regression", "Datasets", "Molecules"],
      swiftSettings: commonSettings
    ),

    // MARK: - Test support for users

    .target(
      name: "SymmetryTesting",
      dependencies: ["LinearAlgebra", "Symmetries", "Regression"],
      swiftSettings: commonSettings
    ),

    // MARK: - Command-line tool

    .executableTarget(
      name: "symscale",
      dependencies: [
        "LinearAlgebra", "Symmetries", "Regression", "Datasets", "Molecules", "LearningCurves",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: commonSettings
    ),

    // Nyström across machines (trait MPI; without it the executable only says how to build it).
    .executableTarget(
      name: "nystrom-mpi",
      dependencies: [
        "Regression", "Datasets", "LinearAlgebra",
        .target(name: "CMPI", condition: .when(traits: ["MPI"])),
      ],
      swiftSettings: commonSettings
    ),

    // MARK: - Examples (the paper's studies; `swift run -c release <name> --help`)

    .target(
      name: "ExampleSupport",
      dependencies: [
        "LearningCurves",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Examples/ExampleSupport",
      swiftSettings: commonSettings
    ),
    .executableTarget(
      name: "hydrogen-orbitals",
      dependencies: [
        "ExampleSupport", "LearningCurves", "Datasets", "Symmetries", "LinearAlgebra", "Regression",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Examples/hydrogen-orbitals",
      swiftSettings: commonSettings
    ),
    .executableTarget(
      name: "water-normal-modes",
      dependencies: [
        "ExampleSupport", "LearningCurves", "Datasets", "Symmetries", "LinearAlgebra", "Regression",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Examples/water-normal-modes",
      swiftSettings: commonSettings
    ),
    .executableTarget(
      name: "custom-symmetry",
      dependencies: [
        "ExampleSupport", "LearningCurves", "Datasets", "Symmetries", "LinearAlgebra", "Regression", "SymmetryTesting",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Examples/custom-symmetry",
      swiftSettings: commonSettings
    ),
    .executableTarget(
      name: "water-pes",
      dependencies: [
        "ExampleSupport", "LearningCurves", "Datasets", "Symmetries", "LinearAlgebra", "Regression",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Examples/water-pes",
      swiftSettings: commonSettings
    ),
    .executableTarget(
      name: "molecule-pes",
      dependencies: [
        "ExampleSupport", "LearningCurves", "Datasets", "Molecules", "Symmetries", "LinearAlgebra", "Regression",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Examples/molecule-pes",
      // Formaldehyde's molecule file and energies (copies of MoleculesTests fixtures; Data/README.md).
      resources: [.copy("Data")],
      swiftSettings: commonSettings
    ),

    // MARK: - Documentation figures (`swift run -c release docs-figures <section>`)

    .executableTarget(
      name: "docs-figures",
      dependencies: ["Datasets", "LearningCurves", "LinearAlgebra", "Regression", "Symmetries", "SymmetryTesting"],
      path: "Documentation/docs-figures",
      swiftSettings: commonSettings
    ),

    // MARK: - Benchmarks (release builds only; see Documentation/Performance.md)

    .target(
      name: "BenchmarkSupport",
      path: "Benchmarks/BenchmarkSupport",
      swiftSettings: commonSettings
    ),
    .executableTarget(
      name: "krr-benchmark",
      dependencies: ["BenchmarkSupport", "COpenBLAS", "LinearAlgebra", "Regression", "Datasets"],
      path: "Benchmarks/krr-benchmark",
      swiftSettings: commonSettings
    ),
    .executableTarget(
      name: "pes-benchmark",
      dependencies: ["LinearAlgebra", "Datasets"],
      path: "Benchmarks/pes-benchmark",
      swiftSettings: commonSettings
    ),
    .executableTarget(
      name: "haar-benchmark",
      dependencies: ["BenchmarkSupport", "LinearAlgebra", "Symmetries", "Regression", "Datasets"],
      path: "Benchmarks/haar-benchmark",
      swiftSettings: commonSettings
    ),
    .executableTarget(
      name: "molecule-benchmark",
      dependencies: ["BenchmarkSupport", "LinearAlgebra", "Molecules"],
      path: "Benchmarks/molecule-benchmark",
      swiftSettings: commonSettings
    ),
    .executableTarget(
      name: "nystrom-benchmark",
      dependencies: ["BenchmarkSupport", "LinearAlgebra", "Regression", "Datasets"],
      path: "Benchmarks/nystrom-benchmark",
      swiftSettings: commonSettings
    ),
    .executableTarget(
      name: "symmetry-benchmark",
      dependencies: ["BenchmarkSupport", "LinearAlgebra", "Symmetries", "Regression", "Datasets"],
      path: "Benchmarks/symmetry-benchmark",
      swiftSettings: commonSettings
    ),
    .executableTarget(
      name: "soft-fourier-benchmark",
      dependencies: ["BenchmarkSupport", "LinearAlgebra", "Symmetries", "Regression"],
      path: "Benchmarks/soft-fourier-benchmark",
      swiftSettings: commonSettings
    ),

    // MARK: - Internal test support (not a product, not API)

    .target(
      name: "_TestSupport",
      dependencies: ["LinearAlgebra"],
      path: "Tests/_TestSupport",
      swiftSettings: commonSettings
    ),

    // MARK: - Tests

    .testTarget(
      name: "LinearAlgebraTests",
      dependencies: ["LinearAlgebra", "_TestSupport"],
      swiftSettings: commonSettings
    ),
    .testTarget(
      name: "SymmetriesTests",
      dependencies: ["Symmetries", "LinearAlgebra", "_TestSupport"],
      swiftSettings: commonSettings
    ),
    .testTarget(
      name: "RegressionTests",
      // Datasets: the Δ-learning tests use the water surface and its force field as a real baseline;
      // the odd-label tests fit the hydrogen wavefunctions.
      dependencies: ["Regression", "Symmetries", "LinearAlgebra", "Datasets", "_TestSupport"],
      resources: [.copy("Fixtures")],
      swiftSettings: commonSettings
    ),
    .testTarget(
      name: "DatasetsTests",
      dependencies: ["Datasets", "LinearAlgebra", "_TestSupport"],
      resources: [.copy("Fixtures")],
      swiftSettings: commonSettings
    ),
    .testTarget(
      name: "SymmetryTestingTests",
      // Datasets only for the hydrogen wavefunctions of the odd-label checks.
      dependencies: ["SymmetryTesting", "Symmetries", "Regression", "LinearAlgebra", "Datasets", "_TestSupport"],
      swiftSettings: commonSettings
    ),
    .testTarget(
      name: "ExampleTests",
      dependencies: [
        "_TestSupport",
        // Not imported: listed so that `swift test` builds them before the tests run them.
        "hydrogen-orbitals", "water-normal-modes", "water-pes", "custom-symmetry", "molecule-pes",
      ],
      swiftSettings: commonSettings
    ),
    .testTarget(
      name: "MoleculesTests",
      dependencies: ["Molecules", "Datasets", "Symmetries", "SymmetryTesting", "LinearAlgebra", "_TestSupport"],
      resources: [.copy("Fixtures")],
      swiftSettings: commonSettings
    ),
    .testTarget(
      name: "LearningCurvesTests",
      dependencies: ["LearningCurves", "LinearAlgebra", "_TestSupport"],
      swiftSettings: commonSettings
    ),
    // Runs the built `symscale` executable (next to the test bundle) with `Process`.
    .testTarget(
      name: "SymscaleTests",
      // `symscale` is not imported: listed so that `swift test` builds it before the tests run it.
      dependencies: ["Datasets", "LinearAlgebra", "_TestSupport", "symscale"],
      resources: [.copy("Fixtures")],
      swiftSettings: commonSettings
    ),
  ]
)
