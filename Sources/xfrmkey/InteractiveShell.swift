// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import PolicyLanguage

/// Placeholder until the libedit shell lands.
struct InteractiveShell {
  let options: CommandLineOptions
  let parseOptions: ParseOptions

  mutating func run(_ execute: ([Statement]) throws -> ExitCode) throws -> ExitCode {
    .success
  }
}
