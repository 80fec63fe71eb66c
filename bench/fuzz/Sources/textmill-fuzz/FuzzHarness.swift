import Foundation
import TextMill

/// The target this process fuzzes, from `TEXTMILL_FUZZ_TARGET` (one of `FuzzTarget`'s names).
let selectedTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["TEXTMILL_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("textmill-fuzz: set TEXTMILL_FUZZ_TARGET to one of: \(names) (got '\(name)')\n".utf8))
        exit(2)
    }
    return target
}()

/// libFuzzer's entry point: one input, run through the selected target.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    selectedTarget.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
