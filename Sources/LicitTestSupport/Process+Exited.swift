import Foundation

extension Process {
    /// Waits for the process to end without holding a thread of the concurrency pool. The tests'
    /// pool has as many threads as the machine has cores (two here): a test blocked in
    /// `waitUntilExit()` while a daemon drains starves every other test of one of them, and
    /// timing-sensitive tests elsewhere fail for it.
    public func exited() async {
        while self.isRunning {
            do {
                try await Task.sleep(for: .milliseconds(20))
            } catch {
                // Cancelled: the caller still needs the process ended before reading its status.
                self.waitUntilExit()
                return
            }
        }
    }
}
