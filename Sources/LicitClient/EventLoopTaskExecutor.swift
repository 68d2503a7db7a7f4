import NIOCore

/// Runs tasks on the event loop of a client's connection. A caller that makes many calls and runs
/// under it — `withTaskExecutorPreference(client.executor) { … }`, which the tasks it starts
/// inherit — sends each request and is resumed with each answer on that loop's thread, without
/// the two thread hops a call otherwise costs (to the loop and back to the concurrency pool).
///
/// Only work that never blocks belongs there: while it runs, the connection reads and writes
/// nothing.
public final class EventLoopTaskExecutor: TaskExecutor {
    /// The loop it runs tasks on.
    public let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        self.eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
