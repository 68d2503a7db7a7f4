import Foundation
import GRDB
import LicitClient
import LicitWire

/// The disk failing under the exchange: the database on a small tmpfs filled up under load,
/// and fsync failing (an LD_PRELOAD shim). Writes get a typed retryable refusal, never a false
/// acknowledgement; the daemon does not crash; when the disk comes back the same request ids
/// succeed once; nothing acknowledged is lost and the audit trail verifies.
struct StorageFaults {
    let lab: Lab

    func run() async throws -> Findings {
        var findings = Findings()
        findings.add(try await DiskFull(lab: self.lab).run())
        findings.add(try await FsyncFailure(lab: self.lab).run())
        return findings
    }
}

/// Writes of one IA each, by request id, against one daemon; what each got back.
struct FaultLedger {
    var acknowledged: Set<String> = []
    var refusedRetryable: [String: String] = [:]
    var refusedOther: [String: String] = [:]

    /// Issues IA `number` as France with `requestID`; records and returns the outcome.
    @discardableResult
    mutating func issue(_ client: LicitClient, number: String) async -> String {
        do {
            _ = try await client.issueImportAuthorization(
                SampleDocuments.importAuthorization(number: number, importer: "FR-ANSM-T1"),
                overrideJustification: "reliability: storage faults",
                requestID: "req-\(number)"
            )
            self.acknowledged.insert(number)
            self.refusedRetryable[number] = nil
            return "acknowledged"
        } catch let error as LicitClientError {
            let reason = error.status?.reason ?? "\(error.code)"
            if error.status?.code == .unavailable || error.code == .indeterminate || error.code == .unavailable {
                self.refusedRetryable[number] = reason
            } else {
                self.refusedOther[number] = reason
            }
            return reason
        } catch {
            self.refusedOther[number] = "\(error)"
            return "\(error)"
        }
    }

    /// Every acknowledged IA present exactly once, nothing refused present, the trail intact.
    func check(_ daemon: LicitdProcess, into findings: inout Findings, label: String) async throws {
        let documents = try await withLicitClient(try daemon.configuration("fr-signer")) {
            try await CrashCycles.allDocuments($0)
        }
        let numbers = documents.compactMap { $0.importAuthorization?.number }
        let counted = Dictionary(numbers.map { ($0, 1) }, uniquingKeysWith: +)
        let lost = self.acknowledged.filter { counted[$0] == nil }
        let duplicated = counted.filter { $0.value > 1 }
        findings.figures["\(label)_acknowledged"] = Double(self.acknowledged.count)
        findings.figures["\(label)_lost"] = Double(lost.count)
        findings.figures["\(label)_duplicated"] = Double(duplicated.count)
        findings.check(lost.isEmpty, "\(label): acknowledged writes missing: \(lost.sorted().prefix(5))")
        findings.check(duplicated.isEmpty, "\(label): documents there twice: \(duplicated.keys.sorted().prefix(5))")
        findings.check(
            self.refusedOther.isEmpty,
            "\(label): refusals that are not retryable: \(self.refusedOther.sorted { $0.key < $1.key }.prefix(5))"
        )
        let verified = try daemon.auditVerify()
        findings.check(verified.status == 0, "\(label): audit verify: \(verified.output)")
    }
}

/// The database's folder on a 24 MiB tmpfs, filled by a ballast file while France writes.
struct DiskFull {
    let lab: Lab

    func run() async throws -> Findings {
        var findings = Findings()
        let folder = try self.lab.folder("disk-full")
        let mount = folder.appendingPathComponent("tmpfs")
        try FileManager.default.createDirectory(at: mount, withIntermediateDirectories: true)
        let mounted = try runProgram("/bin/mount", ["-t", "tmpfs", "-o", "size=24m", "tmpfs", mount.path])
        guard mounted.status == 0 else {
            let reason = "a tmpfs cannot be mounted here (root and CAP_SYS_ADMIN needed): \(mounted.output)"
            if self.lab.strict { findings.fail(reason) } else { findings.skipped.append("disk full: \(reason)") }
            return findings
        }
        defer { _ = try? runProgram("/bin/umount", ["-l", mount.path]) }
        let database = mount.appendingPathComponent("exchange.sqlite")
        let daemon = try await LicitdProcess.sandbox(self.lab, in: folder.appendingPathComponent("sandbox"))
        // VACUUM INTO: the whole database, WAL included, as one file on the tmpfs.
        try await DatabaseQueue(path: daemon.databaseFile.path).writeWithoutTransaction { db in
            try db.execute(sql: "VACUUM INTO ?", arguments: [database.path])
        }
        try daemon.writeConfiguration(
            limits: ["authority_writes_per_second": 100_000, "authority_write_burst": 100_000],
            database: database
        )
        try await daemon.startServing()
        defer { daemon.stop() }

        var ledger = FaultLedger()
        var index = 0
        let ballast = mount.appendingPathComponent("ballast")
        try await withLicitClient(try daemon.configuration("fr-signer")) { client in
            for _ in 0..<20 {
                index += 1
                await ledger.issue(client, number: "FULL-\(index)")
            }
            // Fill the disk, then keep writing until the exchange has refused 20 writes for it.
            try Self.fill(ballast)
            var refusedForSpace = 0
            let deadline = ContinuousClock.now.advanced(by: .seconds(120))
            while refusedForSpace < 20, ContinuousClock.now < deadline {
                index += 1
                let outcome = await ledger.issue(client, number: "FULL-\(index)")
                if outcome == "storage_unavailable" { refusedForSpace += 1 }
            }
            findings.figures["disk_full_refusals_storage_unavailable"] = Double(refusedForSpace)
            findings.check(refusedForSpace >= 20, "the exchange never refused a write for a full disk")
            findings.check(daemon.isRunning, "licitd crashed when its disk filled")
            // Space returns: the refused writes go through with the same request ids.
            try FileManager.default.removeItem(at: ballast)
            let spaceReturned = ContinuousClock.now
            var resumedAfter: Duration?
            for number in ledger.refusedRetryable.keys.sorted() {
                for _ in 0..<50 {
                    if await ledger.issue(client, number: number) == "acknowledged" { break }
                    try await Task.sleep(for: .milliseconds(100))
                }
                if resumedAfter == nil { resumedAfter = ContinuousClock.now - spaceReturned }
            }
            findings.figures["disk_full_resumed_after_ms"] = resumedAfter?.milliseconds.rounded() ?? -1
            findings.check(
                ledger.refusedRetryable.isEmpty,
                "writes still refused after space returned: \(ledger.refusedRetryable.count)"
            )
        }
        try await ledger.check(daemon, into: &findings, label: "disk_full")
        return findings
    }

    /// Writes zeros to `file` until the file system has no space left.
    static func fill(_ file: URL) throws {
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        let chunk = Data(count: 64 * 1024)
        while (try? handle.write(contentsOf: chunk)) != nil {}
        let small = Data(count: 512)
        while (try? handle.write(contentsOf: small)) != nil {}
    }
}
