// The `Symmetries` module. See Package.swift for its place in the dependency graph.
