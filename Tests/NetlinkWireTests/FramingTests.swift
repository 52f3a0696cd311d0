// SPDX-License-Identifier: Apache-2.0
import NetlinkWire
import Testing

@Suite("Netlink messages and attributes are framed on 4-byte boundaries")
struct FramingTests {
  @Test func attributesArePaddedAndLengthsExcludePadding() throws {
    var writer = ByteWriter()
    writer.writeAttribute(type: 1, bytes: [0xaa, 0xbb, 0xcc])
    writer.writeAttribute(type: 2, bytes: [0x01])
    #expect(writer.bytes == [7, 0, 1, 0, 0xaa, 0xbb, 0xcc, 0, 5, 0, 2, 0, 1, 0, 0, 0])

    var reader = ByteReader(writer.bytes)
    let attributes = try NetlinkAttribute.decodeAll(&reader)
    #expect(attributes.map(\.type) == [1, 2])
    #expect(attributes[0].payload == [0xaa, 0xbb, 0xcc])
  }

  @Test func nestedAttributesDecodeFromThePayload() throws {
    var writer = ByteWriter()
    writer.writeAttribute(type: 3, flags: NetlinkAttribute.nestedFlag) { inner in
      inner.writeAttribute(type: 1) { $0.write(UInt32(7), .host) }
      inner.writeAttribute(type: 9, bytes: [1, 2])
    }
    var reader = ByteReader(writer.bytes)
    let outer = try NetlinkAttribute.decodeAll(&reader)
    #expect(outer.count == 1)
    #expect(outer[0].isNested)
    #expect(outer[0].type == 3)
    var innerReader = outer[0].reader
    let inner = try NetlinkAttribute.decodeAll(&innerReader)
    #expect(inner.map(\.type) == [1, 9])
  }

  @Test func attributeLongerThanItsBufferThrows() {
    var reader = ByteReader([40, 0, 1, 0, 0, 0, 0, 0])
    #expect(throws: WireDecodingError.self) { try NetlinkAttribute.decodeAll(&reader) }
  }

  @Test func datagramSplitsIntoMessagesIncludingUnalignedOnes() throws {
    let flush = NetlinkMessage.encode(
      type: .flushSA, flags: [.request, .ack], sequence: 1, portID: 0
    ) { $0.write(UInt8(50), .host) }
    #expect(flush.count == 17)
    let policyFlush = NetlinkMessage.encode(
      type: .flushPolicy, flags: [.request, .ack], sequence: 2, portID: 0
    ) { _ in }

    var batch: [UInt8] = []
    batch.appendAligned(message: flush)
    batch.appendAligned(message: policyFlush)
    #expect(batch.count == 20 + 16)

    let messages = try NetlinkMessage.split(batch)
    #expect(messages.map(\.header.type) == [.flushSA, .flushPolicy])
    #expect(messages[0].payload == [50])
    #expect(messages.map(\.header.sequence) == [1, 2])
  }

  @Test func errorMessageYieldsErrnoAndExtendedAckTextEvenUncapped() throws {
    // An uncapped error echoes the request payload before the attributes.
    let request = NetlinkMessageHeader(
      length: 20, type: .newSA, flags: [.request, .ack], sequence: 5, portID: 0)
    var writer = ByteWriter()
    writer.write(Int32(-2), .host)
    request.encode(to: &writer)
    writer.write(bytes: [1, 2, 3, 4])
    writer.writeAttribute(
      type: NetlinkErrorMessage.messageAttribute, bytes: Array("Requested type not found\0".utf8))
    writer.writeAttribute(type: 77, bytes: [0])

    var reader = ByteReader(writer.bytes)
    let error = try NetlinkErrorMessage(decoding: &reader, flags: [.acknowledgementTLVs])
    #expect(error.errno == 2)
    #expect(error.request.sequence == 5)
    #expect(error.message == "Requested type not found")
  }

  @Test func unknownMessageTypesKeepTheirNumber() {
    let type = NetlinkMessageType(rawValue: 0x77)
    #expect(type.name == "message type 119")
    #expect(NetlinkMessageType.newSA.name == "XFRM_MSG_NEWSA")
  }
}
