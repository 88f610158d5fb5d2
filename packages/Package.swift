// swift-tools-version: 6.0
// The packages the book's examples may import (see the README's "Packages" section): each
// product a target below depends on. Package.resolved beside it pins their versions.
import PackageDescription

let package = Package(
    name: "book-packages",
    dependencies: [
        .package(url: "https://github.com/apple/swift-async-algorithms", exact: "1.1.4"),
        .package(url: "https://github.com/apple/swift-collections", exact: "1.6.0"),
    ],
    targets: [
        .target(name: "Examples", dependencies: [
            .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
            .product(name: "DequeModule", package: "swift-collections"),
        ]),
    ]
)
