// SPDX-License-Identifier: Apache-2.0

/// The one table of algorithms, searched by setkey name and by kernel name. Help text,
/// errors and the printer all read from here.
public enum AlgorithmCatalogue {
  /// Every algorithm the setkey language names, Linux-capable or not.
  public static let all: [Algorithm] = encryption + authentication + aead + compression

  /// `-E` ciphers.
  public static let encryption: [Algorithm] = [
    Algorithm(names: ["des-cbc"], kind: .encryption, kernelName: "cbc(des)", keyBits: [64]),
    Algorithm(
      names: ["3des-cbc"], kind: .encryption, kernelName: "cbc(des3_ede)", keyBits: [192]),
    Algorithm(
      names: ["null"], kind: .encryption, kernelName: "ecb(cipher_null)", keyBits: [0]),
    Algorithm(
      names: ["blowfish-cbc"], kind: .encryption, kernelName: "cbc(blowfish)",
      keyBits: Array(stride(from: 40, through: 448, by: 8))),
    Algorithm(
      names: ["cast128-cbc"], kind: .encryption, kernelName: "cbc(cast5)",
      keyBits: Array(stride(from: 40, through: 128, by: 8))),
    Algorithm(
      names: ["twofish-cbc"], kind: .encryption, kernelName: "cbc(twofish)",
      keyBits: [128, 192, 256]),
    Algorithm(
      names: ["aes-cbc", "rijndael-cbc"], kind: .encryption, kernelName: "cbc(aes)",
      keyBits: [128, 192, 256]),
    Algorithm(
      names: ["aes-ctr"], kind: .encryption, kernelName: "rfc3686(ctr(aes))",
      keyBits: [160, 224, 288]),
    Algorithm(
      names: ["camellia-cbc"], kind: .encryption, kernelName: "cbc(camellia)",
      keyBits: [128, 192, 256]),
    Algorithm(names: ["des-deriv"], kind: .encryption, kernelName: nil, keyBits: [64]),
    Algorithm(names: ["des-32iv"], kind: .encryption, kernelName: nil, keyBits: [64]),
    Algorithm(
      names: ["rc5-cbc"], kind: .encryption, kernelName: nil,
      keyBits: Array(stride(from: 40, through: 2040, by: 8))),
  ]

  /// `-A` authenticators. ICV lengths are RFC values; see the README on hmac-sha2 truncation.
  public static let authentication: [Algorithm] = [
    Algorithm(
      names: ["hmac-md5"], kind: .authentication, kernelName: "hmac(md5)", keyBits: [128],
      icvBits: 96),
    Algorithm(
      names: ["hmac-sha1"], kind: .authentication, kernelName: "hmac(sha1)", keyBits: [160],
      icvBits: 96),
    Algorithm(
      names: ["hmac-sha256", "hmac-sha2-256"], kind: .authentication,
      kernelName: "hmac(sha256)", keyBits: [256], icvBits: 128),
    Algorithm(
      names: ["hmac-sha384", "hmac-sha2-384"], kind: .authentication,
      kernelName: "hmac(sha384)", keyBits: [384], icvBits: 192),
    Algorithm(
      names: ["hmac-sha512", "hmac-sha2-512"], kind: .authentication,
      kernelName: "hmac(sha512)", keyBits: [512], icvBits: 256),
    Algorithm(
      names: ["hmac-ripemd160"], kind: .authentication, kernelName: "hmac(rmd160)",
      keyBits: [160], icvBits: 96),
    Algorithm(
      names: ["aes-xcbc-mac"], kind: .authentication, kernelName: "xcbc(aes)",
      keyBits: [128], icvBits: 96),
    Algorithm(
      names: ["aes-cmac"], kind: .authentication, kernelName: "cmac(aes)", keyBits: [128],
      icvBits: 96),
    Algorithm(
      names: ["null"], kind: .authentication, kernelName: "digest_null", keyBits: [0]),
    Algorithm(names: ["keyed-md5"], kind: .authentication, kernelName: nil, keyBits: [128]),
    Algorithm(names: ["keyed-sha1"], kind: .authentication, kernelName: nil, keyBits: [160]),
    Algorithm(
      names: ["tcp-md5"], kind: .authentication, kernelName: nil,
      keyBits: Array(stride(from: 8, through: 640, by: 8))),
  ]

  /// Combined-mode ciphers given with `-E`; keys include the salt (4 bytes, 3 for CCM).
  public static let aead: [Algorithm] = [
    Algorithm(
      names: ["aes-gcm-16", "aes-gcm"], kind: .aead, kernelName: "rfc4106(gcm(aes))",
      keyBits: [160, 224, 288], icvBits: 128),
    Algorithm(
      names: ["aes-gcm-12"], kind: .aead, kernelName: "rfc4106(gcm(aes))",
      keyBits: [160, 224, 288], icvBits: 96),
    Algorithm(
      names: ["aes-gcm-8"], kind: .aead, kernelName: "rfc4106(gcm(aes))",
      keyBits: [160, 224, 288], icvBits: 64),
    Algorithm(
      names: ["aes-ccm-16", "aes-ccm"], kind: .aead, kernelName: "rfc4309(ccm(aes))",
      keyBits: [152, 216, 280], icvBits: 128),
    Algorithm(
      names: ["aes-ccm-12"], kind: .aead, kernelName: "rfc4309(ccm(aes))",
      keyBits: [152, 216, 280], icvBits: 96),
    Algorithm(
      names: ["aes-ccm-8"], kind: .aead, kernelName: "rfc4309(ccm(aes))",
      keyBits: [152, 216, 280], icvBits: 64),
    Algorithm(
      names: ["chacha20-poly1305"], kind: .aead,
      kernelName: "rfc7539esp(chacha20,poly1305)", keyBits: [288], icvBits: 128),
    Algorithm(
      names: ["aes-gmac", "null-aes-gmac"], kind: .aead, kernelName: "rfc4543(gcm(aes))",
      keyBits: [160, 224, 288], icvBits: 128),
  ]

  /// `-C` compressors.
  public static let compression: [Algorithm] = [
    Algorithm(names: ["deflate"], kind: .compression, kernelName: "deflate", keyBits: [0]),
    Algorithm(names: ["lzs"], kind: .compression, kernelName: "lzs", keyBits: [0]),
    Algorithm(names: ["lzjh"], kind: .compression, kernelName: "lzjh", keyBits: [0]),
    Algorithm(names: ["oui"], kind: .compression, kernelName: nil, keyBits: [0]),
  ]

  /// The entry a setkey option names: `-E` searches ciphers then AEADs. Case is ignored.
  public static func lookup(setkeyName name: String, option kinds: [Algorithm.Kind])
    -> Algorithm?
  {
    var name = name
    guard name.withUTF8({ $0.allSatisfy { $0 < 0x80 } }) else {
      // Unicode case folding can turn a non-ASCII letter into an ASCII one (U+212A, the
      // Kelvin sign, into k), so only the full lowercasing finds what it would.
      let lowered = name.lowercased()
      for kind in kinds {
        if let match = all.first(where: { $0.kind == kind && $0.names.contains(lowered) }) {
          return match
        }
      }
      return nil
    }
    return name.withUTF8 { lookup(asciiSetkeyName: $0, option: kinds) }
  }

  /// `lookup(setkeyName:option:)` for a name given as ASCII bytes, compared without
  /// making a `String`: what the parser calls with a token's bytes.
  public static func lookup(
    asciiSetkeyName name: UnsafeBufferPointer<UInt8>, option kinds: [Algorithm.Kind]
  ) -> Algorithm? {
    for kind in kinds {
      if let entry = nameIndex.entry(named: name, kind: kind) { return all[entry] }
    }
    return nil
  }

  /// The entry for a kernel name, preferring the one whose ICV matches (AEAD variants
  /// share a kernel name and differ only in ICV length). Every SA of a dump comes through
  /// here once per algorithm, so the search compares bytes in an index and allocates
  /// nothing.
  public static func lookup(kernelName: String, kind: Algorithm.Kind, icvBits: Int? = nil)
    -> Algorithm?
  {
    var kernelName = kernelName
    guard kernelName.withUTF8({ $0.allSatisfy { $0 < 0x80 } }) else {
      // String equality is Unicode's canonical equivalence, under which some non-ASCII
      // text equals ASCII text; the full comparison decides it.
      let candidates = all.filter { $0.kind == kind && $0.kernelName == kernelName }
      if let icvBits, let exact = candidates.first(where: { $0.icvBits == icvBits }) {
        return exact
      }
      return candidates.first
    }
    let found: Int? = kernelName.withUTF8 { name in
      var first: Int?
      var exact: Int?
      kernelNameIndex.forEachEntry(spelt: name, kind: kind, ignoringCase: false) { entry in
        if first == nil { first = entry }
        guard let icvBits, all[entry].icvBits != icvBits else {
          exact = entry
          return false
        }
        return true
      }
      return exact ?? first
    }
    return found.map { all[$0] }
  }

  // MARK: - Indexes

  /// The setkey names, laid out for matching bytes.
  private static let nameIndex = AlgorithmNameIndex(all) { $0.names }

  /// The kernel names of the entries Linux has.
  private static let kernelNameIndex = AlgorithmNameIndex(all) {
    $0.kernelName.map { [$0] } ?? []
  }
}
