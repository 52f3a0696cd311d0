// SPDX-License-Identifier: Apache-2.0

/// One entry of the algorithm catalogue: a setkey name and what xfrm calls it.
public struct Algorithm: Hashable, Sendable {
  /// Which setkey option takes the algorithm and which xfrm attribute carries it.
  public enum Kind: String, Hashable, Sendable {
    /// `-E`; `XFRMA_ALG_CRYPT`, `struct xfrm_algo`.
    case encryption
    /// `-A`; `XFRMA_ALG_AUTH_TRUNC`, `struct xfrm_algo_auth`.
    case authentication
    /// `-E` with a combined mode; `XFRMA_ALG_AEAD`, `struct xfrm_algo_aead`.
    case aead
    /// `-C`; `XFRMA_ALG_COMP`, `struct xfrm_algo`.
    case compression
  }

  /// The setkey name first, then accepted aliases (FreeBSD and KAME spellings).
  public let names: [String]

  /// Which option and attribute.
  public let kind: Kind

  /// The Linux crypto API name sent in `alg_name`; nil when Linux has no such algorithm.
  public let kernelName: String?

  /// Accepted key lengths in bits, salt or nonce included where the kernel wants it.
  public let keyBits: [Int]

  /// ICV length in bits for authentication and AEAD (the default truncation); 0 otherwise.
  public let icvBits: Int

  /// Creates an entry.
  public init(
    names: [String], kind: Kind, kernelName: String?, keyBits: [Int], icvBits: Int = 0
  ) {
    self.names = names
    self.kind = kind
    self.kernelName = kernelName
    self.keyBits = keyBits
    self.icvBits = icvBits
  }

  /// The name setkey prints.
  public var name: String { names[0] }

  /// True when the kernel can run it.
  public var isAvailableOnLinux: Bool { kernelName != nil }

  /// True when a key of `bits` is accepted.
  public func accepts(keyBits bits: Int) -> Bool { keyBits.contains(bits) }
}
