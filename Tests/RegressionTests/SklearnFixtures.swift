// Loading of the scikit-learn agreement fixtures (see Fixtures/make_sklearn_fixtures.sh).
import Foundation
import LinearAlgebra
import _TestSupport

enum SklearnFixtures {
  static func url(_ name: String, _ ext: String) -> URL {
    guard let u = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures") else {
      fatalError("Fixture \(name).\(ext) missing from the test bundle")
    }
    return u
  }

  /// Inputs and labels of a `x0,…,x{d-1},y` CSV.
  static func data(_ name: String) throws -> (x: Matrix, y: [Double]) {
    let (_, rows) = try TestData.readCSV(url(name, "csv"))
    let d = rows[0].count - 1
    return (try Matrix(rows: rows.map { Array($0[..<d]) }), rows.map { $0[d] })
  }

  /// Columns of a predictions CSV (`y_pred[,y_std]`).
  static func columns(_ name: String) throws -> [String: [Double]] {
    let (header, rows) = try TestData.readCSV(url(name, "csv"))
    var out: [String: [Double]] = [:]
    for (j, h) in header.enumerated() { out[h] = rows.map { $0[j] } }
    return out
  }

  static func json(_ name: String) throws -> [String: Any] {
    let data = try Data(contentsOf: url(name, "json"))
    return try JSONSerialization.jsonObject(with: data) as! [String: Any]
  }

  /// (constant_value, length_scale, noise_level) and the LML reported by the peer.
  static func gpResult(_ name: String) throws -> (c: Double, l: Double, noise: Double, lml: Double) {
    let j = try json(name)
    let h = j["optimized"] as! [String: Any]
    return ((h["constant_value"] as! NSNumber).doubleValue, (h["length_scale"] as! NSNumber).doubleValue,
            (h["noise_level"] as! NSNumber).doubleValue, (j["log_marginal_likelihood"] as! NSNumber).doubleValue)
  }
}
