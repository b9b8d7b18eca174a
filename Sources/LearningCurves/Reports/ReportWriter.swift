import Foundation

extension StudyResult {
  /// Writes `<folder>/<name>.json`, `.csv` and `.svg`, creating the folder if needed.
  /// - Returns: the three file URLs (JSON, CSV, SVG).
  /// - Throws: ``LearningCurvesError`` `.unwritableOutput` naming the folder.
  @discardableResult
  public func write(to folder: URL) throws(LearningCurvesError) -> [URL] {
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw LearningCurvesError(.unwritableOutput,
        "Cannot create the output folder '\(folder.path)': \(error.localizedDescription). Choose a writable folder with --output.")
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
          "Cannot write '\(url.path)': \(error.localizedDescription). Choose a writable folder with --output.")
      }
      urls.append(url)
    }
    return urls
  }
}
