// SPDX-License-Identifier: Apache-2.0
import NetlinkWire
import Testing

@Suite("FixedFieldWriter fills appended bytes as the field-by-field writer would")
struct FixedFieldWriterTests {
  @Test func fieldsWrittenInPlaceEqualFieldsAppended() {
    var appended = ByteWriter()
    appended.write(UInt32(0x0102_0304), .host)
    appended.write(UInt16(0x0506), .big)
    appended.write(bytes: [10, 0, 0, 1], paddedTo: 16)
    appended.writeZeros(2)
    appended.write(UInt8(9), .host)

    var inPlace = ByteWriter()
    inPlace.write(UInt8(0xaa), .host)  // a field before the block stays as it was
    inPlace.appendFixed(4 + 2 + 16 + 2 + 1) { fields in
      fields.write(UInt32(0x0102_0304), .host)
      fields.write(UInt16(0x0506), .big)
      [UInt8]([10, 0, 0, 1]).withUnsafeBytes { fields.write(bytes: $0, paddedTo: 16) }
      fields.skip(2)
      fields.write(UInt8(9), .host)
      #expect(fields.remaining == 0)
    }
    #expect(inPlace.bytes == [0xaa] + appended.bytes)
  }

  @Test func resetForgetsTheBytesAndWriterStartsOver() {
    var writer = ByteWriter(capacity: 64)
    writer.write(UInt64.max, .host)
    writer.reset()
    #expect(writer.count == 0)
    writer.write(UInt16(1), .big)
    #expect(writer.bytes == [0, 1])
  }
}
