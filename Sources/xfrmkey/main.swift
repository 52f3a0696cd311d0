// SPDX-License-Identifier: Apache-2.0
#if canImport(Glibc)
  import Glibc
#endif

signal(SIGPIPE, SIG_IGN)
let status: ExitCode
do {
  var driver = Driver(options: try CommandLineOptions.parse(Array(CommandLine.arguments.dropFirst())))
  status = driver.run()
} catch {
  StandardError.write("\(error)")
  status = .usage
}
exit(status.rawValue)
