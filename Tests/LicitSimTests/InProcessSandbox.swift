import Foundation
import LicitDaemon
import Logging

/// A sandbox made and served in-process exactly as `licitd sandbox` does, on a free port.
enum InProcessSandbox {
    static func start(_ label: String, faults: Sandbox.FaultSettings = .init()) async throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        var logger = Logger(label: "licit.\(label)")
        logger.logLevel = .critical
        _ = try await Sandbox.serveInBackground(data: root, logger: logger, faults: faults)
        return root
    }
}
