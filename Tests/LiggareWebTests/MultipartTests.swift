import Foundation
import Testing

@testable import LiggareWeb

@Suite struct MultipartTests {
  func body(_ text: String) -> [UInt8] { Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8) }

  @Test func readsFieldsAndAFile() throws {
    let b = body(
      """
      --XyZ
      Content-Disposition: form-data; name="csrf"

      abc
      --XyZ
      Content-Disposition: form-data; name="file"; filename="lista.csv"
      Content-Type: text/csv

      person;timmar
      p-1;3
      --XyZ--

      """)
    let form = try #require(MultipartForm(body: b, boundary: "XyZ"))
    #expect(form.text("csrf") == "abc")
    #expect(form.part("file")?.filename == "lista.csv")
    #expect(form.text("file") == "person;timmar\r\np-1;3")
  }

  @Test func boundaryFromContentType() {
    #expect(MultipartForm.boundary(contentType: "multipart/form-data; boundary=----abc") == "----abc")
    #expect(MultipartForm.boundary(contentType: "multipart/form-data; boundary=\"q r\"") == "q r")
    #expect(MultipartForm.boundary(contentType: "application/x-www-form-urlencoded") == nil)
    #expect(MultipartForm.boundary(contentType: "multipart/form-data") == nil)
  }

  @Test(arguments: [
    "", "--XyZ", "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end",
    "--XyZ\r\nNo-Disposition: x\r\n\r\nv\r\n--XyZ--", "garbage",
  ])
  func refusesMalformedBodies(_ text: String) {
    #expect(MultipartForm(body: Array(text.utf8), boundary: "XyZ") == nil)
  }

  @Test func refusesTooManyParts() {
    var text = ""
    for i in 0...MultipartForm.maxParts {
      text += "--B\r\nContent-Disposition: form-data; name=\"f\(i)\"\r\n\r\nv\r\n"
    }
    text += "--B--\r\n"
    #expect(MultipartForm(body: Array(text.utf8), boundary: "B") == nil)
  }
}
