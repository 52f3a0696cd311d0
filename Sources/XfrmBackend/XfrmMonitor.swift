// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkSocket
import NetlinkWire

/// Watches what the kernel multicasts on `NETLINK_XFRM` and hands each change over as an
/// `XfrmEvent`, in the order the kernel sent them.
public final class XfrmMonitor {
  /// What the next wait produced.
  public enum Item: Hashable, Sendable {
    /// One decoded event.
    case event(XfrmEvent)
    /// The kernel dropped events because the socket's queue was full; how many, when
    /// known. Watching goes on.
    case lost(Int?)
    /// A message that could not be decoded; the text says what was wrong (never a key).
    case undecodable(String)
  }

  private let source: any NetlinkEventSource
  private var pending: [Item] = []

  /// Joins the groups that carry `categories` in the namespace `/run/netns/NAME` (or
  /// ours). `wakeDescriptor` ends `next()` with nil as soon as it is readable.
  public convenience init(
    categories: Set<XfrmEvent.Category> = Set(XfrmEvent.Category.allCases),
    networkNamespace: String? = nil, wakeDescriptor: Int32? = nil
  ) throws {
    let groups = XfrmEvent.Category.allCases.filter(categories.contains).map(\.group)
    try self.init(
      source: NetlinkEventSocket(
        groups: groups, networkNamespace: networkNamespace, wakeDescriptor: wakeDescriptor))
  }

  /// Watches any event source; tests pass a fake.
  public init(source: any NetlinkEventSource) {
    self.source = source
  }

  /// The next item; nil once the wake-up descriptor fired. Socket failures throw.
  public func next() throws -> Item? {
    while pending.isEmpty {
      switch try source.receive() {
      case .interrupted:
        return nil
      case .overrun(let lost):
        pending.append(.lost(lost))
      case .datagram(let bytes):
        pending = Self.items(in: bytes)
      }
    }
    return pending.removeFirst()
  }

  /// Every event in one datagram; a message that fails to decode becomes an
  /// `undecodable` item and the rest are still read.
  static func items(in datagram: [UInt8]) -> [Item] {
    let messages: [NetlinkMessage]
    do {
      messages = try NetlinkMessage.split(datagram)
    } catch {
      return [.undecodable("\(error)")]
    }

    var items: [Item] = []
    for message in messages {
      do {
        if let event = try XfrmEventDecoder.decode(message) { items.append(.event(event)) }
      } catch {
        items.append(.undecodable("\(message.header.type.eventName): \(error)"))
      }
    }
    return items
  }
}

// MARK: - Groups

extension XfrmEvent.Category {
  /// The multicast group that carries this category.
  var group: XfrmMulticastGroup {
    switch self {
    case .acquire: .acquire
    case .expire: .expire
    case .sa: .sa
    case .policy: .policy
    case .aevent: .asyncEvents
    case .report: .report
    case .migrate: .migrate
    case .mapping: .mapping
    }
  }
}
