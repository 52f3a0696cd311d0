// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// Output of `spddefault ;`, `spdinfo ;` and `sadinfo ;`. Settings print as the statement
/// that would set them, so the output can be fed back; counts print as `name=value`.
extension SetkeyDumpFormatter {
  /// `spddefault in none fwd none out none ;`; a direction the kernel reports as
  /// unspecified prints `none`, which is what the kernel does with it.
  public func format(_ defaults: DefaultPolicies) -> String {
    let words = [PolicyDirection.in, .fwd, .out].map { direction in
      "\(direction.rawValue) \((defaults[direction] ?? PolicyAction.none).rawValue)"
    }
    return "spddefault \(words.joined(separator: " ")) ;\n"
  }

  /// `spd: in=N out=N fwd=N ...` then `spdinfo hthresh4 L R hthresh6 L R ;`.
  public func format(_ info: SPDInformation) -> String {
    var out = "spd: in=\(info.inbound) out=\(info.outbound) fwd=\(info.forward) "
    out += "socket-in=\(info.socketInbound) socket-out=\(info.socketOutbound) "
    out += "socket-fwd=\(info.socketForward) hash-buckets=\(info.hashBuckets) "
    out += "hash-max=\(info.hashBucketsMaximum)\n"
    var settings: [String] = []
    if let v4 = info.thresholds.ipv4 { settings.append("hthresh4 \(v4.local) \(v4.remote)") }
    if let v6 = info.thresholds.ipv6 { settings.append("hthresh6 \(v6.local) \(v6.remote)") }
    if !settings.isEmpty { out += "spdinfo \(settings.joined(separator: " ")) ;\n" }
    return out
  }

  /// `sad: count=N hash-buckets=N hash-max=N`.
  public func format(_ info: SADInformation) -> String {
    "sad: count=\(info.count) hash-buckets=\(info.hashBuckets) "
      + "hash-max=\(info.hashBucketsMaximum)\n"
  }
}
