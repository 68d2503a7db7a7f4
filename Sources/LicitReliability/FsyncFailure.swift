import Foundation
import LicitClient
import LicitWire

/// fsync and fdatasync failing with EIO (an LD_PRELOAD shim, switched by a trigger file) while
/// France writes: no write whose transaction could not be made durable is acknowledged.
struct FsyncFailure {
    let lab: Lab

    static let shim = """
        #define _GNU_SOURCE
        #include <dlfcn.h>
        #include <errno.h>
        #include <stdlib.h>
        #include <unistd.h>

        static int failing(void) {
            const char *trigger = getenv("LICIT_FSYNC_FAULT");
            return trigger != NULL && access(trigger, F_OK) == 0;
        }

        int fsync(int fd) {
            static int (*real)(int);
            if (failing()) { errno = EIO; return -1; }
            if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
            return real(fd);
        }

        int fdatasync(int fd) {
            static int (*real)(int);
            if (failing()) { errno = EIO; return -1; }
            if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
            return real(fd);
        }
        """

    func run() async throws -> Findings {
        var findings = Findings()
        let folder = try self.lab.folder("fsync")
        guard let compiler = which("cc") else {
            let reason = "no C compiler to build the fsync fault shim"
            if self.lab.strict { findings.fail(reason) } else { findings.skipped.append("fsync failure: \(reason)") }
            return findings
        }
        let source = folder.appendingPathComponent("fsync_fault.c")
        let library = folder.appendingPathComponent("libfsync_fault.so")
        try Self.shim.write(to: source, atomically: true, encoding: .utf8)
        let built = try runProgram(compiler, ["-shared", "-fPIC", "-O2", "-o", library.path, source.path, "-ldl"])
        guard built.status == 0 else { throw ProbeError("the fsync shim did not build: \(built.output)") }

        let trigger = folder.appendingPathComponent("fail-fsync")
        let daemon = try await LicitdProcess.sandbox(self.lab, in: folder.appendingPathComponent("sandbox"))
        daemon.environment = ["LD_PRELOAD": library.path, "LICIT_FSYNC_FAULT": trigger.path]
        try await daemon.startServing()
        defer { daemon.stop() }

        var ledger = FaultLedger()
        var acknowledgedDuringFault = 0
        try await withLicitClient(try daemon.configuration("fr-signer")) { client in
            for index in 1...20 { await ledger.issue(client, number: "FSYNC-OK-\(index)") }
            FileManager.default.createFile(atPath: trigger.path, contents: nil)
            for index in 1...30 {
                if await ledger.issue(client, number: "FSYNC-FAULT-\(index)") == "acknowledged" {
                    acknowledgedDuringFault += 1
                }
            }
            try FileManager.default.removeItem(at: trigger)
        }
        findings.figures["fsync_failures_writes_tried"] = 30
        findings.figures["fsync_failures_acknowledged"] = Double(acknowledgedDuringFault)
        findings.check(
            acknowledgedDuringFault == 0,
            "\(acknowledgedDuringFault) writes were acknowledged while fsync failed"
        )
        // The exchange may stop itself after a failed fsync (its page cache can no longer be
        // trusted); it is then restarted, as a supervisor would.
        let survived = daemon.isRunning
        findings.figures["fsync_failure_daemon_exited"] = survived ? 0 : 1
        if !survived { try await daemon.startServing() }
        try await withLicitClient(try daemon.configuration("fr-signer")) { client in
            for number in ledger.refusedRetryable.keys.sorted() {
                for _ in 0..<50 {
                    if await ledger.issue(client, number: number) == "acknowledged" { break }
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
        }
        findings.check(
            ledger.refusedRetryable.isEmpty,
            "writes still refused after fsync recovered: \(ledger.refusedRetryable.count)"
        )
        try await ledger.check(daemon, into: &findings, label: "fsync_failure")
        return findings
    }
}
