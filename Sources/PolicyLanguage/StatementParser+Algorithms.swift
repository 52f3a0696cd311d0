// SPDX-License-Identifier: Apache-2.0
import IPsecModel

extension StatementParser {
  /// `-E alg key`, `-A alg key` or `-C alg`, after the option. The name comes from the
  /// catalogue; the key is checked against the catalogue's lengths here, so a bad key is a
  /// located error before anything reaches the kernel.
  mutating func parseAlgorithm(_ option: Token, kinds: [Algorithm.Kind])
    throws(Diagnostic) -> ChosenAlgorithm
  {
    let name = try expectWord("an algorithm name")
    var lookupName = name.text
    if kinds.contains(.encryption) && name.text == "simple" {
      warn("'simple' is an obsolete name for 'null'", at: name)
      lookupName = "null"
    }
    guard let algorithm = AlgorithmCatalogue.lookup(setkeyName: lookupName, option: kinds)
    else { throw .unknownAlgorithm(name, option: option, kinds: kinds) }
    guard algorithm.isAvailableOnLinux else { throw .notOnLinux(name) }

    guard algorithm.keyBits != [0] else {
      return ChosenAlgorithm(algorithm: algorithm, key: Key([]), token: name)
    }
    let keyToken = peek()
    guard keyToken.kind == .quoted || keyToken.kind == .word && !keyToken.isOption else {
      throw .unexpected(keyToken, expected: "a key for '\(name.text)'")
    }
    advance()
    let key =
      keyToken.kind == .word && KeyReference.looksLikeReference(keyToken.text)
      ? try resolveKeyReference(keyToken) : try parseKey(keyToken)
    guard algorithm.accepts(keyBits: key.bitCount) else {
      throw .wrongKeyLength(keyToken, algorithm: algorithm, bits: key.bitCount)
    }
    return ChosenAlgorithm(algorithm: algorithm, key: key, token: name)
  }

  /// A key: `"ascii"` or `0xhex`. Odd-length hex gets a leading zero nibble, as setkey
  /// did (`0xabc` is the two bytes `0a bc`).
  func parseKey(_ token: Token) throws(Diagnostic) -> Key {
    if token.kind == .quoted { return Key(Array(token.text.utf8)) }

    let text = token.text
    guard text.hasPrefix("0x") || text.hasPrefix("0X") else { throw .invalidKey(token) }
    var digits = Array(text.utf8.dropFirst(2))
    guard !digits.isEmpty else { throw .invalidKey(token) }
    if digits.count % 2 == 1 { digits.insert(UInt8(ascii: "0"), at: 0) }

    var bytes: [UInt8] = []
    bytes.reserveCapacity(digits.count / 2)
    var index = 0
    while index < digits.count {
      guard let high = Self.hexValue(digits[index]), let low = Self.hexValue(digits[index + 1])
      else { throw .invalidKey(token) }
      bytes.append(high << 4 | low)
      index += 2
    }
    return Key(bytes)
  }

  private static func hexValue(_ digit: UInt8) -> UInt8? {
    switch digit {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
    default: nil
    }
  }

  /// The key and ICV length an authentication algorithm is sent with: hmac-sha2 may be
  /// truncated to `ParseOptions.sha2TruncationBits` instead of the RFC 4868 length.
  func authenticationKey(_ chosen: ChosenAlgorithm) -> AlgorithmKey {
    let isSHA2 = ["hmac-sha256", "hmac-sha384", "hmac-sha512"].contains(chosen.algorithm.name)
    let icvBits = isSHA2 ? options.sha2TruncationBits : nil
    return AlgorithmKey(chosen.algorithm, key: chosen.key, icvBits: icvBits)
  }
}

extension Algorithm {
  /// The accepted key lengths in words: "128, 192 or 256 bits", "40 to 448 bits in steps
  /// of 8".
  var keyLengthsText: String {
    let bits = keyBits
    if bits.count > 4, let first = bits.first, let last = bits.last {
      return "\(first) to \(last) bits in steps of \(bits[1] - first)"
    }
    let numbers = bits.map(String.init)
    guard numbers.count > 1 else { return "\(numbers.first ?? "0") bits" }
    return numbers.dropLast().joined(separator: ", ") + " or \(numbers.last!) bits"
  }
}
