import Foundation
import LicitDaemon
import LicitSim
import Logging

/// A sandbox made and served in-process exactly as `licitd sandbox` does, on a free port.
enum InProcessSandbox {
    static func start(_ label: String) async throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        var logger = Logger(label: "licit.\(label)")
        logger.logLevel = .critical
        let (ready, continuation) = AsyncThrowingStream<Void, any Error>.makeStream()
        Task.detached {
            do {
                try await Sandbox.run(data: root, port: 0, logger: logger, signals: []) { _ in continuation.yield() }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        for try await _ in ready { return root }
        throw SimError("the sandbox stopped before it was ready")
    }
}
