/// Mass-weighted optimal superposition of two point sets (Horn's quaternion method): the
/// proper rotation R that maximises Σᵢ wᵢ (yᵢ − c_y) · R (xᵢ − c_x).
///
/// For x a molecule's geometry and y its equilibrium, that R satisfies the Eckart rotational
/// condition Σᵢ mᵢ (yᵢ − c_y) × R (xᵢ − c_x) = 0 (it is the stationary point of the Eckart
/// functional), so the aligned geometry c_y + R(x − c_x) is in the Eckart frame of y.
///
/// ```
/// S_αβ = Σᵢ wᵢ (xᵢ − c_x)_α (yᵢ − c_y)_β,   N(S) (4 × 4, symmetric),   q = top eigenvector of N
/// R = R(q)    (the unit quaternion's rotation matrix)
/// ```
///
/// The 4 × 4 eigenproblem is solved by cyclic Jacobi rotations in place (no allocation beyond
/// the result), so one alignment costs a few hundred floating-point operations.
///
/// Reference: B. K. P. Horn, J. Opt. Soc. Am. A 4, 629 (1987), doi:10.1364/JOSAA.4.000629;
/// C. Eckart, Phys. Rev. 47, 552 (1935).
struct RigidAlignment {
  /// The rotation, row-major 3 × 3.
  var rotation: [Double]

  /// The rotation taking centred `x` onto centred `y` (both 3n flat, atom-major), weights `w`.
  /// The centres are the weighted means.
  init(weights w: [Double], from x: UnsafeBufferPointer<Double>, to y: UnsafeBufferPointer<Double>,
       centreX cx: (Double, Double, Double), centreY cy: (Double, Double, Double)) {
    var s = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    for i in 0..<w.count {
      let a0 = x[3 * i] - cx.0, a1 = x[3 * i + 1] - cx.1, a2 = x[3 * i + 2] - cx.2
      let b0 = (y[3 * i] - cy.0) * w[i], b1 = (y[3 * i + 1] - cy.1) * w[i], b2 = (y[3 * i + 2] - cy.2) * w[i]
      s.0 += a0 * b0; s.1 += a0 * b1; s.2 += a0 * b2
      s.3 += a1 * b0; s.4 += a1 * b1; s.5 += a1 * b2
      s.6 += a2 * b0; s.7 += a2 * b1; s.8 += a2 * b2
    }
    let (sxx, sxy, sxz, syx, syy, syz, szx, szy, szz) = s
    var n: [Double] = [
      sxx + syy + szz, syz - szy, szx - sxz, sxy - syx,
      syz - szy, sxx - syy - szz, sxy + syx, szx + sxz,
      szx - sxz, sxy + syx, -sxx + syy - szz, syz + szy,
      sxy - syx, szx + sxz, syz + szy, -sxx - syy + szz,
    ]
    let q = RigidAlignment.topEigenvector4(&n)
    let (qw, qx, qy, qz) = (q.0, q.1, q.2, q.3)
    rotation = [
      qw * qw + qx * qx - qy * qy - qz * qz, 2 * (qx * qy - qw * qz), 2 * (qx * qz + qw * qy),
      2 * (qx * qy + qw * qz), qw * qw - qx * qx + qy * qy - qz * qz, 2 * (qy * qz - qw * qx),
      2 * (qx * qz - qw * qy), 2 * (qy * qz + qw * qx), qw * qw - qx * qx - qy * qy + qz * qz,
    ]
  }

  /// The unit eigenvector of the largest eigenvalue of a symmetric 4 × 4 matrix (row-major,
  /// overwritten), by cyclic Jacobi rotations.
  static func topEigenvector4(_ a: inout [Double]) -> (Double, Double, Double, Double) {
    var v: [Double] = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]
    let scale = a.reduce(0) { max($0, abs($1)) }
    if scale == 0 { return (1, 0, 0, 0) }
    for _ in 0..<30 {
      var off = 0.0
      for p in 0..<3 { for q in (p + 1)..<4 { off += a[4 * p + q] * a[4 * p + q] } }
      if off <= 1e-32 * scale * scale { break }
      for p in 0..<3 {
        for q in (p + 1)..<4 {
          let apq = a[4 * p + q]
          if abs(apq) <= 1e-300 { continue }
          let theta = (a[4 * q + q] - a[4 * p + p]) / (2 * apq)
          let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
          let c = 1 / (t * t + 1).squareRoot(), s = t * c
          for k in 0..<4 {
            let akp = a[4 * k + p], akq = a[4 * k + q]
            a[4 * k + p] = c * akp - s * akq
            a[4 * k + q] = s * akp + c * akq
          }
          for k in 0..<4 {
            let apk = a[4 * p + k], aqk = a[4 * q + k]
            a[4 * p + k] = c * apk - s * aqk
            a[4 * q + k] = s * apk + c * aqk
          }
          for k in 0..<4 {
            let vkp = v[4 * k + p], vkq = v[4 * k + q]
            v[4 * k + p] = c * vkp - s * vkq
            v[4 * k + q] = s * vkp + c * vkq
          }
        }
      }
    }
    var best = 0
    for k in 1..<4 where a[5 * k] > a[5 * best] { best = k }
    var q = (v[best], v[4 + best], v[8 + best], v[12 + best])
    let norm = (q.0 * q.0 + q.1 * q.1 + q.2 * q.2 + q.3 * q.3).squareRoot()
    q = (q.0 / norm, q.1 / norm, q.2 / norm, q.3 / norm)
    return q
  }

  /// The weighted centre of a flat 3n array.
  static func centre(_ x: UnsafeBufferPointer<Double>, weights w: [Double]) -> (Double, Double, Double) {
    var c = (0.0, 0.0, 0.0), total = 0.0
    for i in 0..<w.count {
      c.0 += w[i] * x[3 * i]; c.1 += w[i] * x[3 * i + 1]; c.2 += w[i] * x[3 * i + 2]
      total += w[i]
    }
    return (c.0 / total, c.1 / total, c.2 / total)
  }

  /// The orthogonal matrix (proper, or improper with `determinant` −1) that best maps the
  /// centred points `x` onto the centred points `y` in the weighted least-squares sense.
  /// For −1, R = −R′ with R′ the proper rotation taking x onto −y.
  static func orthogonal(weights w: [Double], from x: [Double], to y: [Double], determinant: Double) -> [Double] {
    let target = determinant > 0 ? y : y.map { -$0 }
    let r = x.withUnsafeBufferPointer { xp in
      target.withUnsafeBufferPointer { yp in
        RigidAlignment(weights: w, from: xp, to: yp, centreX: (0, 0, 0), centreY: (0, 0, 0)).rotation
      }
    }
    return determinant > 0 ? r : r.map { -$0 }
  }
}
