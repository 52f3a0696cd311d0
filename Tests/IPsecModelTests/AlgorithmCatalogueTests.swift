// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import Testing

/// The catalogue's searches read indexes of bytes instead of the entries themselves; these
/// tests hold them to what a plain search of the entries finds, for every name it holds
/// and for spellings it does not.
@Suite("Algorithm catalogue lookups")
struct AlgorithmCatalogueTests {
  static let kindLists: [[Algorithm.Kind]] = [
    [.encryption], [.authentication], [.aead], [.compression], [.encryption, .aead],
    [.aead, .encryption], [.authentication, .encryption],
  ]

  /// What `lookup(setkeyName:option:)` is meant to find: the first entry of the first
  /// kind that has the name, lowercased.
  static func plainLookup(setkeyName name: String, option kinds: [Algorithm.Kind])
    -> Algorithm?
  {
    let lowered = name.lowercased()
    for kind in kinds {
      if let match = AlgorithmCatalogue.all.first(where: {
        $0.kind == kind && $0.names.contains(lowered)
      }) {
        return match
      }
    }
    return nil
  }

  /// What `lookup(kernelName:kind:icvBits:)` is meant to find: among the entries of that
  /// kind and kernel name, the first with that ICV, else the first.
  static func plainLookup(kernelName: String, kind: Algorithm.Kind, icvBits: Int?)
    -> Algorithm?
  {
    let candidates = AlgorithmCatalogue.all.filter {
      $0.kind == kind && $0.kernelName == kernelName
    }
    if let icvBits, let exact = candidates.first(where: { $0.icvBits == icvBits }) {
      return exact
    }
    return candidates.first
  }

  /// Every setkey name in three cases, near misses, and non-ASCII spellings: U+212A
  /// KELVIN SIGN lowercases to `k`, so it spells `keyed-md5`.
  static let setkeySpellings: [String] = {
    var spellings: [String] = []
    for name in AlgorithmCatalogue.all.flatMap(\.names) {
      spellings += [name, name.uppercased(), name.prefix(1).uppercased() + name.dropFirst()]
      spellings += [name + "x", String(name.dropLast()), " " + name]
    }
    return spellings + ["", "\u{212A}EYED-MD5", "aes\u{2010}cbc", "hmac-sha256\u{0}", "AES-CBC"]
  }()

  /// Every kernel name, with other case, near misses, and a canonically equivalent
  /// spelling (`K` as U+212A) of an uppercase name.
  static let kernelSpellings: [String] = {
    var spellings: [String] = []
    for name in AlgorithmCatalogue.all.compactMap(\.kernelName) {
      spellings += [name, name.uppercased(), name + ")", String(name.dropLast())]
    }
    return spellings + ["", "cbc(mystery)", "\u{212A}", "K", "hmac(sha256)\u{0}"]
  }()

  @Test func setkeyNameLookupFindsWhatAPlainSearchFinds() {
    for name in Self.setkeySpellings {
      for kinds in Self.kindLists {
        let found = AlgorithmCatalogue.lookup(setkeyName: name, option: kinds)
        #expect(found == Self.plainLookup(setkeyName: name, option: kinds), "\(name) \(kinds)")
      }
    }
  }

  @Test func asciiSetkeyNameLookupFindsWhatTheStringLookupFinds() {
    for name in Self.setkeySpellings where name.utf8.allSatisfy({ $0 < 0x80 }) {
      for kinds in Self.kindLists {
        let bytes = Array(name.utf8)
        let found = bytes.withUnsafeBufferPointer {
          AlgorithmCatalogue.lookup(asciiSetkeyName: $0, option: kinds)
        }
        #expect(found == Self.plainLookup(setkeyName: name, option: kinds), "\(name) \(kinds)")
      }
    }
  }

  @Test func kernelNameLookupFindsWhatAPlainSearchFinds() {
    let kinds: [Algorithm.Kind] = [.encryption, .authentication, .aead, .compression]
    let icvs: [Int?] = [nil, 0, 7, 64, 96, 128, 192, 256]
    for name in Self.kernelSpellings {
      for kind in kinds {
        for icv in icvs {
          let found = AlgorithmCatalogue.lookup(kernelName: name, kind: kind, icvBits: icv)
          let expected = Self.plainLookup(kernelName: name, kind: kind, icvBits: icv)
          #expect(found == expected, "\(name) \(kind) \(String(describing: icv))")
        }
      }
    }
  }

  @Test func aeadVariantsAreFoundByTheirICV() {
    let gcm = "rfc4106(gcm(aes))"
    func name(_ icv: Int) -> String? {
      AlgorithmCatalogue.lookup(kernelName: gcm, kind: .aead, icvBits: icv)?.name
    }
    #expect(name(96) == "aes-gcm-12")
    #expect(name(64) == "aes-gcm-8")
    #expect(name(100) == "aes-gcm-16")
    #expect(AlgorithmCatalogue.lookup(kernelName: gcm, kind: .aead)?.name == "aes-gcm-16")
    #expect(AlgorithmCatalogue.lookup(kernelName: gcm, kind: .encryption) == nil)
  }
}
