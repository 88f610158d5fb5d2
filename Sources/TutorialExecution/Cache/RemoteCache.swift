import TutorialSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// A cache shared over HTTP (`--remote-cache URL`): entries are read with GET and written with
/// PUT, in bazel-remote's layout, so that bazel-remote, nginx with WebDAV or any store behind
/// HTTP GET and PUT serves them as it is.
///
/// - `/cas/SHA256` holds a file (a program, its compile record, a run result) under the SHA-256
///   of its bytes.
/// - `/ac/SHA256` holds an entry's manifest, a small JSON list of its files with their SHA-256
///   and size, under the SHA-256 of a name made of the local cache key (`program KEY`,
///   `result KEY`). It is JSON, not Bazel's ActionResult: bazel-remote needs
///   `--disable_http_ac_validation`.
///
/// Whoever can write to the store is not trusted: a manifest is used only when its MAC, made with
/// the team's key (`EntrySeal`), is right, and every file only when its SHA-256 and size are the
/// manifest's. Without a key nothing is read or written. A tampered, corrupt or partial entry is
/// a miss: said once, built locally and written again. The remote cache is never fatal: the first
/// server error (refused connection, timeout, 5xx) makes it say why once and stops it for the build.
public final class RemoteCache: Sendable {
    package let base: URL
    let readOnly: Bool
    /// What authenticates entries; nil when there is no key, and then the cache is not used.
    let seal: EntrySeal?
    /// Seconds one request may go without an answer.
    let timeout: Double
    private let session: URLSession
    /// The session of GET requests, whose bodies are held to a size as they arrive.
    private let downloads = LimitedDownloads()
    private let getSession: URLSession
    /// The largest manifest envelope read (a manifest lists a handful of files).
    static let manifestLimit = 1 << 20
    private struct State {
        var down = false
        var cannotWrite = false
        var warning: String?
        var rejected: String?
        var requests = 0
    }
    private let state = Mutex(State())

    /// `timeout`: seconds one request may take before the server counts as down. Without a
    /// `seal` the cache sends no request at all, and says so once.
    package init(base: URL, seal: EntrySeal?, readOnly: Bool = false, timeout: Double = 5) {
        self.base = base
        self.seal = seal
        self.readOnly = readOnly
        self.timeout = timeout
        if seal == nil {
            state.withLock { state in
                state.down = true
                state.warning = "remote cache not used: \(EntrySeal.keyVariable) is not set, so no entry could be authenticated (see 'A shared cache over HTTP' in the README)"
            }
        }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout * 6
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration)
        getSession = URLSession(configuration: configuration, delegate: downloads, delegateQueue: nil)
    }

    /// What went wrong with the server, and the first entry that failed its checks, each said once.
    public var warnings: [String] { state.withLock { [$0.warning, $0.rejected].compactMap { $0 } } }

    /// Notes the first entry that failed authentication or whose files did not match it.
    private func reject(_ name: String, _ reason: String) {
        state.withLock { state in
            if state.rejected == nil {
                state.rejected = "remote cache: the entry '\(name)' \(reason); it was ignored (nothing from it ran or was published) and built locally"
            }
        }
    }

    /// How many requests were sent to the server.
    var requestsSent: Int { state.withLock { $0.requests } }

    /// The body at `path` (such as `cas/abc…`), or nil when it is missing, larger than `limit`
    /// bytes (cut off as it arrives), or the server failed.
    func get(_ path: String, limit: Int = RemoteCache.manifestLimit) async -> Data? {
        guard !state.withLock({ $0.down }) else { return nil }
        var request = URLRequest(url: base.appendingPathComponent(path))
        request.httpMethod = "GET"
        state.withLock { $0.requests += 1 }
        let answer: Answer
        switch await downloads.get(request, limit: limit, session: getSession) {
        case .body(let status, let body): answer = .success(status, body)
        case .failed(let error): answer = .failure(describe(error))
        case .tooLarge:
            state.withLock { state in
                if state.rejected == nil {
                    state.rejected = "remote cache: /\(path) is larger than the \(limit) bytes it may have; it was cut off, ignored and built locally"
                }
            }
            return nil
        }
        switch answer {
        case .success(let status, let body) where (200..<300).contains(status): return body
        case .success(let status, _) where status >= 500: fail("the server answered \(status) to GET /\(path)")
        case .success(let status, _) where status != 404:
            // Refused (401, 403…): said once; each entry is then a miss.
            state.withLock { state in
                if state.warning == nil { state.warning = "remote cache: the server answered \(status) to GET /\(path)" }
            }
        case .success: break
        case .failure(let reason): fail(reason)
        }
        return nil
    }

    /// Writes `body` at `path`, unless the cache is read-only or the server failed.
    func put(_ path: String, _ body: Data) async {
        guard !readOnly, !state.withLock({ $0.down || $0.cannotWrite }) else { return }
        var request = URLRequest(url: base.appendingPathComponent(path))
        request.httpMethod = "PUT"
        request.httpBody = body
        request.setValue("application/octet-stream", forHTTPHeaderField: "Content-Type")
        switch await send(request) {
        case .success(let status, _) where (200..<300).contains(status): break
        case .success(let status, _) where status >= 500: fail("the server answered \(status) to PUT /\(path)")
        case .success(let status, _):
            state.withLock { state in
                state.cannotWrite = true
                if state.warning == nil {
                    state.warning = "remote cache: the server refused PUT /\(path) (\(status)); nothing more is written to it"
                }
            }
        case .failure(let reason): fail(reason)
        }
    }

    private enum Answer {
        case success(Int, Data)
        case failure(String)
    }

    private func send(_ request: URLRequest) async -> Answer {
        state.withLock { $0.requests += 1 }
        return await withCheckedContinuation { continuation in
            session.dataTask(with: request) { data, response, error in
                if let error {
                    continuation.resume(returning: .failure(self.describe(error)))
                } else if let http = response as? HTTPURLResponse {
                    continuation.resume(returning: .success(http.statusCode, data ?? Data()))
                } else {
                    continuation.resume(returning: .failure("no HTTP answer"))
                }
            }.resume()
        }
    }

    /// Why a request failed, in a few words.
    private func describe(_ error: any Error) -> String {
        guard let error = error as? URLError else { return error.localizedDescription }
        switch error.code {
        case .timedOut: return "no answer within \(timeout.formatted()) s"
        case .cannotConnectToHost, .networkConnectionLost: return "cannot connect to it"
        case .cannotFindHost, .dnsLookupFailed: return "unknown host"
        default: return "network error \(error.code.rawValue)"
        }
    }

    private func fail(_ reason: String) {
        state.withLock { state in
            state.down = true
            if state.warning == nil {
                state.warning = "remote cache unavailable (\(reason)); building without it"
            }
        }
    }
}

/// An entry's manifest: its files, each with the SHA-256 and size of its bytes.
struct RemoteManifest: Codable {
    struct File: Codable {
        var name: String
        var sha256: String
        var size: Int
        var executable: Bool
    }
    var files: [File]
}

extension RemoteCache {
    /// Writes the named files of a local entry folder: each file, then the manifest.
    package func store(entry name: String, files: [String], from directory: String) async {
        guard !readOnly else { return }
        var manifest = RemoteManifest(files: [])
        for file in files {
            let path = "\(directory)/\(file)"
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let digest = SHA256Digest.hex(data)
            await put("cas/\(digest)", data)
            manifest.files.append(.init(name: file, sha256: digest, size: data.count, executable: FileManager.default.isExecutableFile(atPath: path)))
        }
        guard !manifest.files.isEmpty, let seal, let data = try? JSONEncoder().encode(manifest),
              let sealed = seal.seal(data, entry: name) else { return }
        await put("ac/\(SHA256Digest.hex(name))", sealed)
    }

    /// Fetches an entry into a local folder, its manifest authenticated and every file verified
    /// first; the files named in `last` are written after the others (a local reader trusts the
    /// folder only once they are there). Returns false, writing nothing, when the entry is
    /// missing, fails authentication, or is corrupt or partial.
    package func fetch(entry name: String, into directory: String, last: [String]) async -> Bool {
        guard let seal, let envelope = await get("ac/\(SHA256Digest.hex(name))") else { return false }
        guard let data = seal.open(envelope, entry: name) else {
            reject(name, "failed authentication (written without the key, with another key, or edited)")
            return false
        }
        guard let manifest = try? JSONDecoder().decode(RemoteManifest.self, from: data), !manifest.files.isEmpty else { return false }
        var contents: [(RemoteManifest.File, Data)] = []
        for file in manifest.files {
            guard !file.name.contains("/"), !file.name.hasPrefix(".") else { return false }
            guard file.size >= 0, let fetched = await get("cas/\(file.sha256)", limit: file.size) else { return false }
            guard fetched.count == file.size, SHA256Digest.hex(fetched) == file.sha256 else {
                reject(name, "has a file that does not match its manifest (\(file.name))")
                return false
            }
            // Its files hold no absolute path (``CompileRecord/save(to:)``): they are written as they are.
            contents.append((file, fetched))
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for (file, body) in contents.sorted(by: { last.contains($1.0.name) && !last.contains($0.0.name) }) {
                let temporary = "\(directory)/\(file.name).remote-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
                try body.write(to: URL(fileURLWithPath: temporary))
                chmod(temporary, file.executable ? 0o755 : 0o644)
                guard rename(temporary, "\(directory)/\(file.name)") == 0 else {
                    try? FileManager.default.removeItem(atPath: temporary)
                    return false
                }
            }
        } catch {
            return false
        }
        return true
    }
}
