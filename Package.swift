// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "tutorial",
    // Linux only: examples run under a reaper built on prctl, /proc and Linux's cgroups.
    products: [
        .executable(name: "tutorial", targets: ["tutorial"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.1"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // SHA-256 (every cache key, the tool's own hash) is libcrypto's (Debian's libssl-dev): quick
        // in debug builds too, with no unsafe flag (which would bar the package as a dependency).
        .target(name: "CSupport", linkerSettings: [.linkedLibrary("crypto")]),
        .target(
            name: "TutorialKit",
            dependencies: [
                "CCmark",
                "CSupport",
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "SwiftParser", package: "swift-syntax"),
                .product(name: "SwiftSyntax", package: "swift-syntax"),
                .product(name: "SwiftIDEUtils", package: "swift-syntax"),
            ],
            resources: [.copy("Resources/theme"), .copy("Resources/notebook")]
        ),
        .executableTarget(
            name: "tutorial",
            dependencies: [
                "TutorialKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Helpers both test targets use: temporary folders, fixture books, what a page shows.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // Unit tests: the library's parts, in process, in seconds.
        .testTarget(
            name: "TutorialKitTests",
            dependencies: ["TutorialKit", "TestSupport"]
        ),
        // End-to-end tests: the built `tutorial` binary on fixture books, a browser, servers.
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["TutorialKit", "tutorial", "TestSupport"],
            exclude: ["Fixtures", "Browser"]
        ),
    ]
)
