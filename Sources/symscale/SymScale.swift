import ArgumentParser

/// `symscale`: kernel regression with label symmetries on your own data, and the studies of
/// arXiv 2605.28238, from the command line. Each subcommand lives in its own file.
@main
struct SymScale: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "symscale",
    abstract: "Exploit exact and approximate label symmetries in kernel regression, and measure the gain.",
    discussion: """
      Data files are CSV with a header row (x0,...,x{d-1},y) or extended XYZ as ASE writes it.
      Run 'symscale help <subcommand>' for the options of each subcommand.
      """,
    version: "0.1.0",
    subcommands: [Fit.self, PES.self, NormalModes.self, Orbital.self, Sample.self, LearningCurve.self])
}
