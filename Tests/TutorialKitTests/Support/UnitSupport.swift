import Foundation
import TestSupport
@testable import TutorialModel

extension TestSupport {
    /// The first example of a one-chapter book made of `source`.
    static func example(_ source: String, file: String = "chapters/01-demo.md") -> Example {
        let document = BookLoader(chaptersDirectory: "unused").parser.parse(source)
        let chapter = Chapter(path: file, number: 1, slug: "demo", title: "Demo", document: document)
        let book = Book(title: "T", introduction: nil, chapters: [chapter], chaptersDirectory: "chapters")
        return ExampleCatalog(book: book).examples[0]
    }

}

/// A listening TCP socket on 127.0.0.1 and a port the kernel picked: a server the test plays.
struct LoopbackListener {
    let socket: Int32
    let port: UInt16

    init() throws {
        let fd = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        socket = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 && listen(fd, 16) == 0
            }
        }
        port = UInt16(bigEndian: address.sin_port)
        guard listening else {
            _ = Glibc.close(fd)
            throw POSIXError(.EADDRNOTAVAIL)
        }
    }

    var url: URL { URL(string: "http://127.0.0.1:\(port)/")! }

    func close() { _ = Glibc.close(socket) }
}
