// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// An xfrm_user feature newer than the first xfrm kernels, the release that brought it,
/// and how to tell a request uses it. Kernels older than that do not refuse the attribute:
/// xfrm_user parses leniently and drops attribute types it does not know, so an if_id or a
/// mark would be silently lost. xfrmkey refuses such a request before sending it.
public struct KernelFeature: Sendable {
  /// What the user wrote, e.g. `'-if-id'`.
  public var option: String
  /// The kernel's name for it, e.g. `XFRMA_IF_ID`.
  public var kernelName: String
  /// The first release that has it (from the kernel's history).
  public var since: KernelVersion
  /// True when the request needs the feature.
  var isUsed: @Sendable (KernelRequest) -> Bool

  /// Every gated feature, oldest first.
  public static let all: [KernelFeature] = [
    state("'-mark'", "XFRMA_MARK", KernelVersion(2, 6, 34)) { $0.id.mark != nil },
    KernelFeature(
      option: "'-mark'", kernelName: "XFRMA_MARK", since: KernelVersion(2, 6, 34),
      isUsed: { request in
        switch request {
        case .deleteState(let id), .getState(let id): id.mark != nil
        default: false
        }
      }),
    KernelFeature(
      option: "'-mark'", kernelName: "XFRMA_MARK", since: KernelVersion(2, 6, 34),
      isUsed: { policyIdentity(of: $0)?.mark != nil }),
    state("'-tfcpad'", "XFRMA_TFCPAD", KernelVersion(2, 6, 38)) { $0.tfcPadding != 0 },
    state("'-f esn' or '-r' above 32", "XFRMA_REPLAY_ESN_VAL", KernelVersion(2, 6, 39)) {
      $0.replayWindow > 32 || $0.flags.contains(.extendedSequenceNumbers)
    },
    state("'-f dont-encap-dscp'", "XFRMA_SA_EXTRA_FLAGS", KernelVersion(3, 13)) {
      $0.extraFlags.contains(.dontEncapsulateDSCP)
    },
    state("'-offload'", "XFRMA_OFFLOAD_DEV", KernelVersion(4, 11)) { $0.offload != nil },
    state("'-output-mark'", "XFRMA_OUTPUT_MARK", KernelVersion(4, 14)) { $0.outputMark != nil },
    state("'-if-id'", "XFRMA_IF_ID", KernelVersion(4, 19)) { $0.interfaceID != 0 },
    KernelFeature(
      option: "'-if-id'", kernelName: "XFRMA_IF_ID", since: KernelVersion(4, 19),
      isUsed: { policyIdentity(of: $0).map { $0.interfaceID != 0 } ?? false }),
    state("an output mark mask", "XFRMA_SET_MARK_MASK", KernelVersion(5, 0)) {
      ($0.outputMark?.mask ?? .max) != .max
    },
    state("'-encap espintcp'", "TCP_ENCAP_ESPINTCP", KernelVersion(5, 6)) {
      $0.encapsulation?.type == 7
    },
    state("'-f oseq-may-wrap'", "XFRM_SA_XFLAG_OSEQ_MAY_WRAP", KernelVersion(5, 17)) {
      $0.extraFlags.contains(.outputSequenceMayWrap)
    },
    KernelFeature(
      option: "'spdinfo hthresh4/hthresh6'", kernelName: "XFRMA_SPD_IPV4_HTHRESH",
      since: KernelVersion(3, 19),
      isUsed: { if case .setSPDHashThresholds = $0 { true } else { false } }),
    KernelFeature(
      option: "'spddefault'", kernelName: "XFRM_MSG_SETDEFAULT/GETDEFAULT",
      since: KernelVersion(5, 16),
      isUsed: { request in
        switch request {
        case .getDefaultPolicies, .setDefaultPolicies: true
        default: false
        }
      }),
    state("'-offload ... packet'", "XFRM_OFFLOAD_PACKET", KernelVersion(6, 2)) {
      $0.offload?.isPacketOffload == true
    },
  ]

  /// A feature of SA add and update requests.
  private static func state(
    _ option: String, _ kernelName: String, _ since: KernelVersion,
    _ uses: @escaping @Sendable (SecurityAssociation) -> Bool
  ) -> KernelFeature {
    KernelFeature(option: option, kernelName: kernelName, since: since) { request in
      switch request {
      case .addState(let sa), .updateState(let sa): uses(sa)
      default: false
      }
    }
  }

  /// The mark and if_id a policy request carries, as an identity.
  private static func policyIdentity(of request: KernelRequest) -> PolicyIdentity? {
    switch request {
    case .addPolicy(let sp), .updatePolicy(let sp): PolicyIdentity(of: sp)
    case .deletePolicyMatching(let identity), .getPolicy(let identity): identity
    default: nil
    }
  }

  /// The first feature `request` uses that `kernel` lacks, if any.
  public static func missing(in request: KernelRequest, on kernel: KernelVersion)
    -> KernelFeature?
  {
    all.first { kernel < $0.since && $0.isUsed(request) }
  }

  /// Every feature a request uses, for notes on errors the kernel gives.
  public static func used(by request: KernelRequest) -> [KernelFeature] {
    all.filter { $0.isUsed(request) }
  }
}
