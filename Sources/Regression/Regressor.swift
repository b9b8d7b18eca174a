import LinearAlgebra

/// A learning method: `fit` turns training data into a fitted ``Predictor`` value.
///
/// Because fitting returns a new value, "predict before fit" cannot be written (our answer to
/// scikit-learn's `check_is_fitted`). A regressor itself holds only settings.
public protocol Regressor: Sendable {
  /// The fitted model type.
  associatedtype Model: Predictor
  /// Fits the model.
  /// - Parameters:
  ///   - inputs: N × d training inputs, one sample per row.
  ///   - labels: N labels.
  /// - Returns: The fitted model.
  /// - Throws: ``RegressionError`` for empty, non-finite or mismatched data, invalid
  ///   hyperparameters, a kernel matrix that is not positive definite, or too little memory.
  func fit(_ inputs: Matrix, _ labels: [Double]) throws(RegressionError) -> Model
}

/// A fitted model that predicts labels for new inputs.
public protocol Predictor: Sendable {
  /// The input dimension d the model was trained on.
  var inputDimension: Int { get }
  /// Predicted labels, one per row of `inputs`.
  /// - Throws: ``RegressionError`` when `inputs` has a different dimension or non-finite entries.
  func predict(_ inputs: Matrix) throws(RegressionError) -> [Double]
}
