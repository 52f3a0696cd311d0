// SPDX-License-Identifier: Apache-2.0
#if canImport(Glibc)
  import Glibc
#endif

signal(SIGPIPE, SIG_IGN)
let status: ExitCode
do {
  let arguments = Array(CommandLine.arguments.dropFirst())
  var driver = Driver(options: try CommandLineOptions.parse(arguments))
  status = driver.run()
} catch {
  StandardError.write("\(error)")
  status = .usage
}
exit(status.rawValue)
