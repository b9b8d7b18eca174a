import Datasets
import Foundation

extension StudyResult {
  /// Writes `<folder>/<name>.json`, `.csv` and `.svg`, creating the folder if needed.
  /// - Returns: the three file URLs (JSON, CSV, SVG).
  /// - Throws: ``LearningCurvesError`` `.invalidStudy` when the study's name cannot name a file
  ///   (see ``Study/init(name:summary:labelUnit:pool:test:sizes:repeats:validationCount:seed:variants:referenceVariant:)``),
  ///   `.unwritableOutput` naming the folder or file and why it cannot be written.
  @discardableResult
  public func write(to folder: URL) throws(LearningCurvesError) -> [URL] {
    if let problem = Study.fileNameProblem(name) {
      throw LearningCurvesError(.invalidStudy, "The study name '\(name)' \(problem).")
    }
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw LearningCurvesError(.unwritableOutput,
        "Cannot create the output folder '\(folder.path)': \(FileProblem.creatingFolder(folder.path)).")
    }
    let files: [(String, String)] = [
      ("json", jsonReport().rendered() + "\n"), ("csv", csvReport()), ("svg", svgPlot()),
    ]
    var urls: [URL] = []
    for (ext, text) in files {
      let url = folder.appendingPathComponent("\(name).\(ext)")
      do {
        try text.write(to: url, atomically: true, encoding: .utf8)
      } catch {
        throw LearningCurvesError(.unwritableOutput,
          "Cannot write '\(url.path)': \(FileProblem.writing(url.path)).")
      }
      urls.append(url)
    }
    return urls
  }
}
