// swift-tools-version: 6.1
import PackageDescription

// The library is in layers, each a target that may use only the layers below it (the README's
// "Layout" section is the map; `.ci/check-layers` fails on an upward or undeclared import):
//   TutorialSupport   hashing, whole-file writes, owned folders, the tool's identity and resources
//   TutorialModel     Markdown, the book, its chapters, cells, examples and diagnostics
//   TutorialExecution compiling, running under the reaper and its limits, the program cache
//   TutorialCheck     verdicts: each example's outcome against what its cells and slots expect
//   TutorialRender    pages and output views from verdicts, through the theme's templates
//   TutorialSite      writing the site folder: manifest, atomic swap, search index, page cache
//   TutorialBuild     the build: project settings, scheduling, sharding, the steps of a site
//   TutorialServe     the preview server and its notebook
// and the `tutorial` command on top.
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
            name: "TutorialSupport",
            dependencies: ["CSupport"],
            resources: [.copy("Resources/theme"), .copy("Resources/notebook"), .copy("Resources/starter")]
        ),
        .target(name: "TutorialModel", dependencies: ["CCmark", "TutorialSupport"]),
        .target(name: "TutorialExecution", dependencies: ["CSupport", "TutorialSupport", "TutorialModel"]),
        .target(name: "TutorialCheck", dependencies: ["TutorialSupport", "TutorialModel", "TutorialExecution"]),
        .target(
            name: "TutorialRender",
            dependencies: [
                "TutorialSupport", "TutorialModel", "TutorialExecution", "TutorialCheck",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "SwiftParser", package: "swift-syntax"),
                .product(name: "SwiftSyntax", package: "swift-syntax"),
                .product(name: "SwiftIDEUtils", package: "swift-syntax"),
            ]
        ),
        .target(
            name: "TutorialSite",
            dependencies: [
                "CSupport", "TutorialSupport", "TutorialModel", "TutorialExecution", "TutorialCheck", "TutorialRender",
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .target(
            name: "TutorialBuild",
            dependencies: [
                "CSupport", "TutorialSupport", "TutorialModel", "TutorialExecution", "TutorialCheck", "TutorialRender",
                "TutorialSite",
            ]
        ),
        .target(
            name: "TutorialServe",
            dependencies: [
                "CSupport", "TutorialSupport", "TutorialModel", "TutorialExecution", "TutorialCheck", "TutorialRender",
                "TutorialSite", "TutorialBuild",
                .product(name: "SwiftParser", package: "swift-syntax"),
                .product(name: "SwiftSyntax", package: "swift-syntax"),
            ]
        ),
        .executableTarget(
            name: "tutorial",
            dependencies: [
                "TutorialSupport", "TutorialModel", "TutorialExecution", "TutorialCheck", "TutorialRender",
                "TutorialSite", "TutorialBuild", "TutorialServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Helpers both test targets use: temporary folders, fixture books, what a page shows.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // Unit tests: the library's parts, in process, in seconds.
        .testTarget(
            name: "TutorialKitTests",
            dependencies: [
                "TutorialSupport", "TutorialModel", "TutorialExecution", "TutorialCheck", "TutorialRender",
                "TutorialSite", "TutorialBuild", "TutorialServe", "TestSupport",
                // The CommonMark spec test compares the renderer with cmark's own.
                "CCmark",
            ]
        ),
        // End-to-end tests: the built `tutorial` binary on fixture books, a browser, servers.
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "TutorialSupport", "TutorialModel", "TutorialExecution", "TutorialCheck", "TutorialRender",
                "TutorialSite", "TutorialBuild", "TutorialServe", "tutorial", "TestSupport",
            ],
            exclude: ["Fixtures", "Browser"]
        ),
    ]
)
