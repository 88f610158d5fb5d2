// swift-tools-version: 6.0
// The packages this book's examples may import: each product a target below depends on.
import PackageDescription

let package = Package(
    name: "book-packages",
    dependencies: [
        .package(url: "https://github.com/apple/swift-collections", exact: "1.6.0"),
        .package(url: "https://github.com/apple/swift-async-algorithms", exact: "1.1.4"),
    ],
    targets: [
        .target(name: "Examples", dependencies: [
            .product(name: "DequeModule", package: "swift-collections"),
            .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
        ]),
    ]
)
