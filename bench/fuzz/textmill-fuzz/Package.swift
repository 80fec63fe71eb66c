// swift-tools-version:6.0
// The libFuzzer executable of `bench/fuzz/run`. It lives in its own package so the root
// package's `swift build` / `swift test` never link libFuzzer's `main`; the targets themselves
// are `FuzzTarget` in the TextMill library. Build it only through `bench/fuzz/run`
// (`-sanitize=fuzzer,address`).
import PackageDescription

let package = Package(
    name: "TextMillFuzz",
    dependencies: [
        .package(name: "TextMill", path: "../../.."),
    ],
    targets: [
        .executableTarget(
            name: "textmill-fuzz",
            dependencies: [.product(name: "TextMill", package: "TextMill")],
            // libFuzzer brings `main`: the module must not make one.
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ],
    swiftLanguageModes: [.v6]
)
