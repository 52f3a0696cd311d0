// SPDX-License-Identifier: Apache-2.0
import IPsecModel

extension StatementParser {
  /// Rules the kernel applies to the xfrm-only SA options, checked here so they fail
  /// with a place in the file rather than a bare EINVAL.
  func checkXfrmEra(_ options: SAOptions, protocolToken: Token, choice: ProtocolChoice)
    throws(Diagnostic)
  {
    let era = options.era
    let isESN =
      era.flags.contains(.extendedSequenceNumbers)
      || options.saveExtensions.flags?.contains(.extendedSequenceNumbers) == true
    if let window = options.seen.value(of: "-r") {
      if options.replayWindow > Self.maximumReplayWindow {
        throw .replayWindowTooLarge(window)
      }
      if choice.base == .ipcomp, options.replayWindow > 32 { throw .noReplayForIPComp(window) }
    }
    if isESN, choice.base == .ipcomp, let flag = options.seen["-f"] ?? options.seen["-flags"] {
      throw .noReplayForIPComp(flag)
    }
    if !isESN, let token = options.seen.value(of: "-seq"),
      era.counters.inbound > UInt64(UInt32.max)
    {
      throw .sequenceNeedsESN(token)
    }
    if !isESN, let token = options.seen.value(of: "-oseq"),
      era.counters.outbound > UInt64(UInt32.max)
    {
      throw .sequenceNeedsESN(token)
    }
    if let pad = options.seen["-tfcpad"], options.mode != .tunnel { throw .needsTunnelMode(pad) }
    for name: StaticString in ["-natt", "-encap", "-tfcpad"] {
      if let token = options.seen[name], choice.base != .esp {
        throw .onlyForESP(token, protocolToken)
      }
    }
    if let bits = options.saveExtensions.icvBits, let token = options.seen.value(of: "-icv") {
      _ = try icvChoice(bits, token, options)
    }
  }

  /// The SA with the xfrm-only options applied; `source` and `destination` give the
  /// NAT-T ports for `-natt` and `-encap`.
  func applyXfrmEra(
    _ options: SAOptions, to sa: inout SecurityAssociation, source: Endpoint,
    destination: Endpoint
  ) {
    let era = options.era
    sa.id.mark = era.mark
    sa.outputMark = era.outputMark
    sa.interfaceID = era.interfaceID
    sa.tfcPadding = era.tfcPadding
    sa.flags.formUnion(era.flags)
    sa.extraFlags = era.extraFlags
    sa.replayCounters = era.counters
    sa.offload = era.offload
    if let type = era.encapsulationType {
      let original = sa.encapsulation?.originalAddress
      sa.encapsulation = NATEncapsulation(
        type: type, sourcePort: source.port ?? 4500,
        destinationPort: destination.port ?? 4500, originalAddress: original)
    }
  }

  /// The algorithm `-icv` applies to, as the AEAD variant it selects or the
  /// authenticator it truncates; throws when the length does not suit it.
  private func icvChoice(_ bits: Int, _ token: Token, _ options: SAOptions)
    throws(Diagnostic) -> Algorithm
  {
    if let cipher = options.encryption, cipher.algorithm.kind == .aead {
      let kernelName = cipher.algorithm.kernelName ?? ""
      let variants = AlgorithmCatalogue.aead.filter { $0.kernelName == kernelName }
      guard let variant = variants.first(where: { $0.icvBits == bits }) else {
        let lengths = variants.map(\.icvBits).sorted().map(String.init)
        throw .invalidICV(
          token, algorithm: cipher.algorithm.name,
          allowed: lengths.joined(separator: ", ") + " bits")
      }
      return variant
    }
    guard let authentication = options.authentication else {
      throw .icvWithoutAlgorithm(token)
    }
    let algorithm = authentication.algorithm
    let full = Self.digestBits[algorithm.kernelName ?? ""] ?? algorithm.icvBits
    guard bits > 0, bits <= full, bits % 8 == 0 else {
      throw .invalidICV(
        token, algorithm: algorithm.name, allowed: "a multiple of 8 up to \(full) bits")
    }
    return algorithm
  }

  /// Untruncated output of each authenticator: the most `-icv` may ask for.
  static let digestBits: [String: Int] = [
    "hmac(md5)": 128, "hmac(sha1)": 160, "hmac(sha256)": 256, "hmac(sha384)": 384,
    "hmac(sha512)": 512, "hmac(rmd160)": 160, "xcbc(aes)": 128, "cmac(aes)": 128,
  ]
}
