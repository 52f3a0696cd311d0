// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import PolicyLanguage
import XfrmBackend

// MARK: - --save

extension Driver {
  /// `--save`: the SAD, then the SPD, as statements `xfrmkey -k -f` restores.
  ///
  /// The kernel dumps the newest entry first, so the entries are collected (as text, one
  /// line each) and written oldest first: restoring them then adds policies in their
  /// original order, which decides between overlapping policies of equal priority. This is
  /// the one output that is not streamed. An entry the language cannot express is
  /// reported on standard error, named, and left out; the run then exits 65 so a script
  /// cannot mistake the file for a whole save. So is a policy the dump itself left out.
  mutating func save() throws -> ExitCode {
    let kernel = try kernel()
    let saver = SaveFormatter()
    var failures = 0

    var states: [String] = []
    try kernel.forEachState(nil) { sa in
      do {
        states.append(try saver.statement(for: sa))
      } catch {
        failures += 1
        StandardError.line("xfrmkey: error: \(error)")
      }
    }
    var policies: [String] = []
    let skippedStates = kernel.skippedDumpEntries.count
    try kernel.forEachPolicy { sp in
      do {
        policies.append(try saver.statement(for: sp))
      } catch {
        failures += 1
        StandardError.line("xfrmkey: error: \(error)")
      }
    }
    // The kernel recreates the states a dump leaves out (IPComp's IPIP helpers) but no
    // policy: one the model could not hold is missing from the file.
    for entry in kernel.skippedDumpEntries.dropFirst(skippedStates) {
      failures += 1
      StandardError.line("xfrmkey: error: cannot save \(entry): the language cannot hold it")
    }

    Self.noteSkippedEntries(of: kernel)
    output.write(SaveFormatter.header(tool: CommandLineOptions.version))
    output.write("# SAD: \(states.count) entries\n")
    for line in states.reversed() { output.write(line) }
    output.write("# SPD: \(policies.count) entries\n")
    for line in policies.reversed() { output.write(line) }
    if failures > 0 {
      output.write("# INCOMPLETE: \(failures) entries could not be saved (see errors)\n")
    }
    output.flush()
    if failures > 0 {
      StandardError.line("xfrmkey: error: \(failures) entries not saved; the output is incomplete")
      return .badInput
    }
    return .success
  }
}
