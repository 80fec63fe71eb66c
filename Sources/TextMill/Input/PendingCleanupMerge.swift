// TEMPORARY: stand-ins until the `cleanup` branch merges (it provides the real ones). Delete at merge.
public struct XMLRecordSettings: Sendable {
    public init() {}
    public init(options: StageOptions) {}
}
public struct XMLRecord: Sendable {
    public var text: [UInt8]
    public var content: ContentKind
    public var meta: JSONObject
}
public enum XMLRecordReader {
    public static func records(in bytes: [UInt8], settings: XMLRecordSettings) throws(DocumentError) -> [XMLRecord] {
        throw DocumentError("XML reading is not merged yet")
    }
}
public enum TextDecoding {
    public static func decodeHTML(_ bytes: [UInt8]) -> [UInt8] { Array(String(decoding: bytes, as: UTF8.self).utf8) }
}
public enum CleanupStage { public static let name = "cleanup" }
