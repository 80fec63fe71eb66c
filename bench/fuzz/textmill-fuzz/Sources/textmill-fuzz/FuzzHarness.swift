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

/// libFuzzer's driver (in the runtime `-sanitize=fuzzer` links).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<Int32>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

/// SwiftPM links an executable with `main` renamed to `<module>_main` (so tests can link the
/// module); libFuzzer's own `main` is then never pulled in, so this one starts its driver.
@_cdecl("textmill_fuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    // One-time set-up (the stages' lexicons, option tables) happens here, before libFuzzer
    // counts allocations, so the leak check does not take it for a leak of the first input.
    selectedTarget.run(Array("Warm-up. “It works,” she said.\n".utf8))
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzTestOneInput(data, size) }
}
