import Foundation

/// `log` from Foundation, named so that it does not collide with test-local names.
func Foundation_log(_ x: Double) -> Double { Foundation.log(x) }
