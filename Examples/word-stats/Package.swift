// swift-tools-version:6.0
// An example of a package that adds its own stage to TextMill and builds its own `textmill`.
import PackageDescription

let package = Package(
    name: "WordStats",
    dependencies: [
        // TextMill itself, two folders up (in your own project: .package(url: "…/textmill", from: "0.1.0")).
        .package(name: "TextMill", path: "../.."),
    ],
    targets: [
        .target(name: "WordStats", dependencies: [.product(name: "TextMill", package: "TextMill")]),
        .executableTarget(name: "textmill-wordstats", dependencies: [
            "WordStats", .product(name: "TextMillCLI", package: "TextMill"),
        ]),
        .testTarget(name: "WordStatsTests", dependencies: ["WordStats", .product(name: "TextMill", package: "TextMill")]),
    ],
    swiftLanguageModes: [.v6]
)
