// SPDX-License-Identifier: Apache-2.0
#if canImport(Glibc)
  import Glibc
#endif

// A standard descriptor the caller closed is held on /dev/null, opened the way that
// fails, so it still reads or writes nothing, but the netlink socket opened later cannot
// take its number: a dump would be written into the socket and lost with status 0.
for descriptor: Int32 in 0...2 where fcntl(descriptor, F_GETFD) == -1 {
  _ = open("/dev/null", descriptor == 0 ? O_WRONLY : O_RDONLY)
}
signal(SIGPIPE, SIG_IGN)
let status: ExitCode
do {
  let arguments = Array(CommandLine.arguments.dropFirst())
  var driver = Driver(
    options: try CommandLineOptions.parse(arguments, standardInputIsTerminal: isatty(0) == 1))
  status = driver.run()
} catch {
  StandardError.write("\(error)")
  status = .usage
}
exit(status.rawValue)
