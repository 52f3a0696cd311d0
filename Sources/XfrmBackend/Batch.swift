// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkWire

/// Requests waiting to go out in one `sendmsg`, and which statement each answers.
struct Batch {
  /// What reply completes a request.
  enum Expectation {
    /// An `NLMSG_ERROR` with error 0 (`NLM_F_ACK`).
    case acknowledgement
    /// A NEWSA message (GETSA reply).
    case state
    /// A NEWSA message whose SPI is the allocated one (ALLOCSPI reply).
    case allocatedSPI
    /// A NEWPOLICY message (GETPOLICY reply).
    case policy
    /// A GETDEFAULT, NEWSPDINFO or NEWSADINFO reply.
    case globalSettings
  }

  /// One request in flight.
  struct Entry {
    /// Index of the statement it belongs to.
    var index: Int
    /// The request's message type, which names the operation in errors.
    var type: NetlinkMessageType
    /// What completes it.
    var expectation: Expectation

    /// Kernel name of the operation, for errors.
    var operation: String { type.name }
  }

  /// The aligned messages, ready for one send; holds key bytes until wiped.
  var bytes: [UInt8] { writer.bytes }
  private var writer: ByteWriter

  /// Requests by sequence number, less `firstSequence`: a batch's sequence numbers count
  /// up, so an array does what a dictionary would, without hashing. A slot is nil once
  /// answered, or when its sequence number went to a request that could not be sent.
  private var entries: [Entry?] = []
  private var firstSequence: UInt32 = 0
  /// Requests not answered yet.
  private var outstanding = 0
  /// True once an SA with its keys went into the bytes: only then are they zeroed.
  private var holdsKeys = false

  /// An empty batch with room for `capacity` bytes, so it is not regrown (and key bytes
  /// not left behind in freed memory) while it fills.
  init(capacity: Int = 0) { writer = ByteWriter(capacity: capacity) }

  /// Bytes queued.
  var byteCount: Int { writer.count }

  /// True when no request waits for its reply.
  var isEmpty: Bool { outstanding == 0 }

  /// Encodes a request straight into the batch and queues it. Sequence numbers must
  /// count up within a batch.
  mutating func add(_ request: KernelRequest, index: Int, sequence: UInt32, portID: UInt32)
    throws(KernelError)
  {
    switch request {
    case .addState, .updateState: holdsKeys = true
    default: break
    }
    try XfrmMessageBuilder.append(request, sequence: sequence, portID: portID, to: &writer)

    let expectation: Expectation
    switch request {
    case .getState: expectation = .state
    case .allocateSPI: expectation = .allocatedSPI
    case .getPolicy: expectation = .policy
    case .getDefaultPolicies, .getSPDInfo, .getSADInfo: expectation = .globalSettings
    default: expectation = .acknowledgement
    }
    let type = XfrmMessageBuilder.messageType(for: request)
    register(Entry(index: index, type: type, expectation: expectation), sequence: sequence)
  }

  /// Encodes a NEWPOLICY (UPDPOLICY when `replacing`) straight from the policy and
  /// queues it: `add(.addPolicy(sp), ...)` without building the request.
  mutating func add(
    policy sp: SecurityPolicy, replacing: Bool, index: Int, sequence: UInt32, portID: UInt32
  ) throws(KernelError) {
    try XfrmMessageBuilder.appendPolicy(
      sp, replacing: replacing, sequence: sequence, portID: portID, to: &writer)
    let type: NetlinkMessageType = replacing ? .updatePolicy : .newPolicy
    register(Entry(index: index, type: type, expectation: .acknowledgement), sequence: sequence)
  }

  private mutating func register(_ entry: Entry, sequence: UInt32) {
    if entries.isEmpty { firstSequence = sequence }
    let slot = Int(sequence &- firstSequence)
    precondition(slot >= entries.count, "batch sequence numbers must count up")
    while entries.count < slot { entries.append(nil) }
    entries.append(entry)
    outstanding += 1
  }

  /// Removes and returns the entry for a sequence number; nil when none waits for it.
  mutating func complete(_ sequence: UInt32) -> Entry? {
    let slot = Int(sequence &- firstSequence)
    guard slot < entries.count, let entry = entries[slot] else { return nil }
    entries[slot] = nil
    outstanding -= 1
    if outstanding == 0 { entries.removeAll(keepingCapacity: true) }
    return entry
  }

  /// Forgets the queued bytes, zeroing them first when they held keys; entries stay
  /// until their replies arrive.
  mutating func wipeBytes() {
    if holdsKeys {
      writer.truncate(to: 0)
      holdsKeys = false
    } else {
      writer.reset()
    }
  }
}
