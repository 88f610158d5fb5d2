import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// GET requests whose bodies may not exceed a size known beforehand (a blob's, from its
/// authenticated manifest; a small bound for a manifest): a body that grows past it is cancelled
/// as it arrives, so that a hostile store cannot make a reader hold gigabytes before the checks.
final class LimitedDownloads: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    enum Outcome {
        case body(status: Int, Data)
        case tooLarge
        case failed(any Error)
    }

    private struct Download {
        var limit: Int
        var status = 0
        var body = Data()
        var tooLarge = false
        var done: CheckedContinuation<Outcome, Never>
    }

    private let downloads = Mutex<[Int: Download]>([:])

    /// Sends `request` on `session` (whose delegate this is) and waits for its body.
    func get(_ request: URLRequest, limit: Int, session: URLSession) async -> Outcome {
        await withCheckedContinuation { continuation in
            let task = session.dataTask(with: request)
            downloads.withLock { $0[task.taskIdentifier] = Download(limit: limit, done: continuation) }
            task.resume()
        }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        let allowed = downloads.withLock { downloads -> Bool in
            downloads[dataTask.taskIdentifier]?.status = status
            guard let limit = downloads[dataTask.taskIdentifier]?.limit else { return false }
            let tooLarge = response.expectedContentLength > Int64(limit)
            if tooLarge { downloads[dataTask.taskIdentifier]?.tooLarge = true }
            return !tooLarge
        }
        completionHandler(allowed ? .allow : .cancel)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        // Past the limit the download ends for its caller at once: what else arrives is dropped.
        let over = downloads.withLock { downloads -> Download? in
            guard var download = downloads[dataTask.taskIdentifier] else { return nil }
            download.body.append(data)
            guard download.body.count > download.limit else {
                downloads[dataTask.taskIdentifier] = download
                return nil
            }
            return downloads.removeValue(forKey: dataTask.taskIdentifier)
        }
        guard let over else { return }
        dataTask.cancel()
        over.done.resume(returning: .tooLarge)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let download = downloads.withLock({ $0.removeValue(forKey: task.taskIdentifier) }) else { return }
        if download.tooLarge {
            download.done.resume(returning: .tooLarge)
        } else if let error {
            download.done.resume(returning: .failed(error))
        } else {
            download.done.resume(returning: .body(status: download.status, download.body))
        }
    }
}
