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
//   SymmetryTesting → Symmetries, Regression
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
    .library(name: "LearningCurves", targets: ["LearningCurves"]),
    .library(name: "SymmetryTesting", targets: ["SymmetryTesting"]),
    .executable(name: "symscale", targets: ["symscale"]),
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
      name: "LearningCurves",
      dependencies: ["LinearAlgebra", "Symmetries", "Regression", "Datasets"],
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
        "LinearAlgebra", "Symmetries", "Regression", "Datasets", "LearningCurves",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
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
        "ExampleSupport", "LearningCurves", "Datasets", "Symmetries", "LinearAlgebra",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Examples/hydrogen-orbitals",
      swiftSettings: commonSettings
    ),
    .executableTarget(
      name: "water-normal-modes",
      dependencies: [
        "ExampleSupport", "LearningCurves", "Datasets", "Symmetries", "LinearAlgebra",
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
        "ExampleSupport", "LearningCurves", "Datasets", "Symmetries", "LinearAlgebra",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Examples/water-pes",
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
      name: "symmetry-benchmark",
      dependencies: ["BenchmarkSupport", "LinearAlgebra", "Symmetries", "Regression", "Datasets"],
      path: "Benchmarks/symmetry-benchmark",
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
      dependencies: ["Regression", "Symmetries", "LinearAlgebra", "_TestSupport"],
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
      dependencies: ["SymmetryTesting", "Symmetries", "Regression", "LinearAlgebra", "_TestSupport"],
      swiftSettings: commonSettings
    ),
    .testTarget(
      name: "ExampleTests",
      dependencies: [
        "_TestSupport",
        // Not imported: listed so that `swift test` builds them before the tests run them.
        "hydrogen-orbitals", "water-normal-modes", "water-pes", "custom-symmetry",
      ],
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
