import Foundation
import Testing
@testable import TextMill

/// `meta.url` is the record's WARC-Target-URI. Written in angle brackets, as WARC 1.0's grammar
/// has it and wget 1.19.4 and later write it (`<http://…>`), it is the URI without them, as
/// warcio and jwarc read it; before, `meta.url` was the bracketed string, no URL. A URI written
/// with bytes that are not UTF-8 (a
/// crawler that stored a Latin-1 link as it found it: `caf\xE9`) keeps each such byte as a
/// `%XX` escape, as a browser sends the bytes of a URL, and valid UTF-8 stays as it is. Before,
/// each such byte became U+FFFD in silence: the URL named no page, and two pages whose URLs
/// differed only there (`caf\xE9`, `caf\xE8`) came out with one URL.
@Suite struct WARCTargetURITests {
    static let page = "<html><head><title>Harbour menu</title></head><body><article><p>The harbour caf\u{E9} serves fish soup and bread to the ferry crews every morning before the first crossing.</p></article></body></html>"

    /// A response record for `uri` (its bytes as given) with the id `urn:uuid:ID`.
    static func record(id: String, uri: [UInt8]) -> [UInt8] {
        let body = Array(page.utf8)
        let http = Array("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
        let head = Array("WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:\(id)>\r\nWARC-Date: 2026-03-02T10:00:00Z\r\nWARC-Target-URI: ".utf8)
            + uri + Array("\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: \(http.count)\r\n\r\n".utf8)
        return head + http + Array("\r\n\r\n".utf8)
    }

    @Test func aTargetURIThatIsNotUTF8KeepsItsBytesAsPercentEscapes() throws {
        let dir = TemporaryDirectory()
        let base = Array("https://harbour.example/menu/caf".utf8)
        dir.write("in/crawl.warc", Self.record(id: "latin-e-acute", uri: base + [0xE9])
                  + Self.record(id: "latin-e-grave", uri: base + [0xE8, 0x2F, 0x3F, 0x71, 0x3D, 0xFF])
                  + Self.record(id: "utf8", uri: base + Array("\u{E9}".utf8))
                  + Self.record(id: "cut-sequence", uri: base + [0xC3]))
        let config = dir.write("p.yaml", """
            input: \(dir.file("in"))
            output: \(dir.file("out/web.jsonl"))
            stages:
              - cleanup
            """)
        let r = try CommandLineTests().textmill(["run", config, "--quiet"])
        expectEqual(r.status, 0, "\(r.stderr)")
        let urls = try dir.records("out/web.jsonl").map { "\($0["id"]?.stringValue ?? "-") \($0["meta"]?.objectValue?["url"]?.stringValue ?? "-")" }
        expectEqual(urls, [
            "urn:uuid:latin-e-acute https://harbour.example/menu/caf%E9",
            "urn:uuid:latin-e-grave https://harbour.example/menu/caf%E8/?q=%FF",
            "urn:uuid:utf8 https://harbour.example/menu/caf\u{E9}",
            "urn:uuid:cut-sequence https://harbour.example/menu/caf%C3",
        ])
    }

    /// The escaping itself: valid sequences kept whole, each byte of a broken one escaped.
    @Test func invalidBytesAreEscapedOneByOne() {
        expectEqual(WARCReader.escapingInvalidUTF8(Array("caf\u{E9}".utf8)[...]), "caf\u{E9}")
        expectEqual(WARCReader.escapingInvalidUTF8([0x61, 0xE9, 0x62, 0xED, 0xA0, 0x80, 0xF0, 0x9F, 0x9A, 0xA2][...]), "a%E9b%ED%A0%80\u{1F6A2}")
        expectEqual(WARCReader.escapingInvalidUTF8([][...]), "")
    }

    @Test func aTargetURIInAngleBracketsIsTheURIWithoutThem() throws {
        let dir = TemporaryDirectory()
        dir.write("in/wget.warc", Self.record(id: "wget", uri: Array("<https://harbour.example/menu/soup.html>".utf8))
                  + Self.record(id: "plain", uri: Array("https://harbour.example/menu/bread.html".utf8))
                  + Self.record(id: "latin-bracketed", uri: Array("<https://harbour.example/menu/caf".utf8) + [0xE9, 0x3E]))
        let config = dir.write("p.yaml", """
            input: \(dir.file("in"))
            output: \(dir.file("out/web.jsonl"))
            stages:
              - cleanup
            """)
        let r = try CommandLineTests().textmill(["run", config, "--quiet"])
        expectEqual(r.status, 0, "\(r.stderr)")
        let urls = try dir.records("out/web.jsonl").map { "\($0["id"]?.stringValue ?? "-") \($0["meta"]?.objectValue?["url"]?.stringValue ?? "-")" }
        expectEqual(urls, [
            "urn:uuid:wget https://harbour.example/menu/soup.html",
            "urn:uuid:plain https://harbour.example/menu/bread.html",
            "urn:uuid:latin-bracketed https://harbour.example/menu/caf%E9",
        ])
        expectEqual(WARCReader.targetURI("<>"), "")
        expectEqual(WARCReader.targetURI("<"), "<")
    }
}
