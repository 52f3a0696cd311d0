// SPDX-License-Identifier: Apache-2.0
import IPsecModel

extension XfrmKernel {
  /// `EOPNOTSUPP`.
  static let notSupported: Int32 = 95

  /// Why `request` cannot go to `kernelVersion`, naming the option and kernel feature;
  /// nil when it can.
  func featureRefusal(for request: KernelRequest) -> KernelError? {
    guard let kernelVersion,
      let feature = KernelFeature.missing(in: request, on: kernelVersion)
    else { return nil }
    let operation = XfrmMessageBuilder.messageType(for: request).name
    return .refused(
      operation, errno: Self.notSupported,
      "\(feature.option) needs \(feature.kernelName), new in Linux \(feature.since); this "
        + "kernel is \(kernelVersion) and would ignore it silently")
  }
}

extension KernelError {
  /// `EINVAL`.
  static let invalidArgument: Int32 = 22

  /// For `EINVAL` and `EOPNOTSUPP` on a request that used xfrm-era features, a note
  /// naming them: the usual culprits when a kernel lacks or refuses one.
  public func notingFeatures(of command: Command) -> KernelError {
    guard errno == Self.invalidArgument || errno == XfrmKernel.notSupported, reason == nil,
      note == nil, let request = KernelRequest(command)
    else { return self }
    let used = KernelFeature.used(by: request)
    guard !used.isEmpty else { return self }
    var error = self
    let names = used.map { "\($0.option) (\($0.kernelName), Linux \($0.since))" }
    error.note = "the request used " + names.joined(separator: ", ")
    return error
  }
}
