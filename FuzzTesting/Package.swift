// swift-tools-version:5.3
//
// Fuzz targets for the readers a user's files reach: the CSV reader, the extended XYZ reader
// and the study-configuration (JSON) parser. Not part of the main package: it depends on it by
// path and is built only with libFuzzer and the address sanitizer, by ../Scripts/fuzz.sh
// (after apple/swift-protobuf's FuzzTesting/).
//
//   swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
//
// Dependency direction: FuzzCSV, FuzzExtendedXYZ → Datasets; FuzzStudyConfiguration → LearningCurves.
// Tools version 5.3 on purpose: its executable targets (a `.target` with a main.swift) link
// without SwiftPM's renamed entry point, so libFuzzer's `main` drives `LLVMFuzzerTestOneInput`.
import PackageDescription

let package = Package(
  name: "FuzzTesting",
  dependencies: [
    .package(name: "SymmetryScaling", path: ".."),
  ],
  targets: [
    .target(
      name: "FuzzCSV",
      dependencies: [.product(name: "Datasets", package: "SymmetryScaling"),
                     .product(name: "LinearAlgebra", package: "SymmetryScaling")]),
    .target(
      name: "FuzzExtendedXYZ",
      dependencies: [.product(name: "Datasets", package: "SymmetryScaling"),
                     .product(name: "LinearAlgebra", package: "SymmetryScaling")]),
    .target(
      name: "FuzzStudyConfiguration",
      dependencies: [.product(name: "LearningCurves", package: "SymmetryScaling"),
                     .product(name: "LinearAlgebra", package: "SymmetryScaling")]),
  ]
)
