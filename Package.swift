// swift-tools-version:6.0
import Foundation
import PackageDescription

/// `TEXTMILL_OPTIMIZED_DEBUG=1` (set by scripts/test.sh) compiles the TextMill library optimized
/// in a debug build too, so that the test command makes one build: the tests keep their testable
/// imports and `DEBUG` checks, and the `textmill` it builds is fast enough for the browser check
/// and the Spark tests. Whole-module (`-wmo`), as a release build is: file by file, a generic
/// function was specialized only in its own file, and that `textmill` spent 3.3× the CPU of this
/// one on the Spark tests' corpus (half of it in the runtime's generic code). Its code generation
/// runs on every core (`-num-threads`). Unset, a debug build is an ordinary one.
let optimizedDebug = Context.environment["TEXTMILL_OPTIMIZED_DEBUG"] == "1"
let codeGenerationThreads = String(max(1, ProcessInfo.processInfo.activeProcessorCount))
let libraryFlags: [SwiftSetting] = optimizedDebug
    ? [.unsafeFlags(["-O", "-wmo", "-num-threads", codeGenerationThreads], .when(configuration: .debug))] : []

let package = Package(
    name: "TextMill",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "TextMill", targets: ["TextMill"]),
        .library(name: "TextMillCLI", targets: ["TextMillCLI"]),
        .executable(name: "textmill", targets: ["textmill"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CDeflate",
            pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"])]
        ),
        .target(name: "CShims"),
        // libcld2 (Debian libcld2-dev; it ships no pkg-config file) behind an extern "C" shim.
        .target(name: "CCLD2", linkerSettings: [.linkedLibrary("cld2")]),
        .target(
            name: "TextMill",
            dependencies: ["CLibXML2", "CZlib", "CDeflate", "CShims", "CCLD2", .product(name: "Yams", package: "Yams")],
            swiftSettings: libraryFlags
        ),
        .target(
            name: "TextMillCLI",
            dependencies: ["TextMill", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "textmill", dependencies: ["TextMillCLI"]),
        .executableTarget(name: "textmill-bench", dependencies: ["TextMill"]),
        .testTarget(
            name: "TextMillTests",
            dependencies: ["TextMill", "TextMillCLI"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
