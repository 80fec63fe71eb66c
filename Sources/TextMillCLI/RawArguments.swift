import Foundation
import TextMill

/// The command line as the process got it: bytes. Swift's `CommandLine.arguments` reads each
/// argument as UTF-8 and puts U+FFFD where a byte is not, so a path with such a byte named
/// another path: `-o $'out\xff/corpus.jsonl'` wrote a new folder `out\u{FFFD}` (the folder the
/// user named untouched, exit 0), and `-i $'in\xff'` said the folder did not exist. Such an
/// argument is refused before anything runs.
enum RawArguments {
    /// Why the process's command line cannot be read: its first argument that is not valid
    /// UTF-8; nil when every one is.
    static func refusal() -> String? {
        for k in 1..<Int(CommandLine.argc) {
            guard let argument = CommandLine.unsafeArgv[k] else { continue }
            let bytes = UnsafeRawBufferPointer(start: argument, count: strlen(argument))
            if let refusal = refusal(Array(bytes), position: k) { return refusal }
        }
        return nil
    }

    /// Why `bytes`, the argument at `position` (1 the first after the program's name), cannot be
    /// read, naming its first byte that is not UTF-8 and spelling it as file ids do (`\xFF`).
    static func refusal(_ bytes: [UInt8], position: Int) -> String? {
        guard let offset = bytes.withUnsafeBufferPointer({ UTF8Bytes.firstInvalidOffset($0) }) else { return nil }
        let hex = String(bytes[offset], radix: 16, uppercase: true)
        let byte = "0x" + (hex.count < 2 ? "0" : "") + hex
        return "argument \(position), \(MessageText.quoted(FileName.spelling(bytes).0)), is not valid UTF-8 (byte \(byte) at byte \(offset + 1)): "
            + "textmill reads its command line as UTF-8, and would have taken it for another path, with U+FFFD in that byte's place; "
            + "rename the file or folder to a UTF-8 name, or reach it through a symbolic link that has one (ln -s)"
    }
}
