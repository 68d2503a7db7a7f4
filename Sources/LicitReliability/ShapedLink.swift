import Foundation

/// Idempotent writes across a link that delays, loses, duplicates and reorders packets (netem),
/// between two network namespaces this probe creates and deletes: licitd in one, a writer in the
/// other. Only the two ends of a veth pair inside those namespaces are shaped.
struct ShapedLink {
    let lab: Lab
    static let serverNamespace = "licit-rel-srv"
    static let clientNamespace = "licit-rel-cli"
    static let serverAddress = "10.231.7.1"
    static let clientAddress = "10.231.7.2"
    /// netem where the kernel has it; otherwise a slow token bucket that drops what queues too long.
    static let netem = ["netem", "delay", "40ms", "20ms", "loss", "3%", "duplicate", "1%", "reorder", "5%"]
    static let tokenBucket = ["tbf", "rate", "2mbit", "burst", "16kbit", "latency", "50ms"]
    static let writes = 150

    func run() async throws -> Findings {
        var findings = Findings()
        guard let ip = which("ip"), let tc = which("tc") else {
            self.unavailable("iproute2 (ip, tc) is not installed", into: &findings)
            return findings
        }
        defer { self.tearDown(ip) }
        self.tearDown(ip)
        for (program, arguments) in self.setUp(ip: ip, tc: tc) {
            let result = try runProgram(program, arguments)
            guard result.status == 0 else {
                self.unavailable(
                    "`\(([program] + arguments).joined(separator: " "))`: \(result.output)",
                    into: &findings
                )
                return findings
            }
        }
        let netem = try runProgram(
            tc,
            ["-n", Self.serverNamespace, "qdisc", "add", "dev", "lrel-s", "root"] + Self.netem
        )
        let shaping = netem.status == 0 ? Self.netem : Self.tokenBucket
        findings.figures["shaped_link_kernel_netem"] = netem.status == 0 ? 1 : 0
        for (namespace, device) in [(Self.serverNamespace, "lrel-s"), (Self.clientNamespace, "lrel-c")] {
            let shaped = try runProgram(tc, ["-n", namespace, "qdisc", "replace", "dev", device, "root"] + shaping)
            guard shaped.status == 0 else {
                self.unavailable("tc cannot shape \(device): \(shaped.output)", into: &findings)
                return findings
            }
        }
        let daemon = try await LicitdProcess.sandbox(self.lab, in: try self.lab.folder("shaped"))
        try daemon.writeConfiguration(limits: [:], host: Self.serverAddress)
        daemon.launcher = [ip, "netns", "exec", Self.serverNamespace]
        try daemon.start()
        defer { daemon.stop() }
        let counts = self.lab.work.appendingPathComponent("shaped-writer.json")
        let self_ = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        let writer = try runProgram(
            ip,
            [
                "netns", "exec", Self.clientNamespace, self_, "shaped-writer", "--sandbox", daemon.sandbox.path,
                "--host", Self.serverAddress, "--writes", "\(Self.writes)", "--counts", counts.path,
            ],
            timeout: .seconds(600)
        )
        guard let data = try? Data(contentsOf: counts),
            let figures = try JSONSerialization.jsonObject(with: data) as? [String: Double]
        else {
            findings.fail(
                "the writer across the shaped link reported nothing (exit \(writer.status)): \(writer.output.suffix(1500))"
            )
            return findings
        }
        for (name, value) in figures { findings.figures["shaped_link_\(name)"] = value }
        findings.check(
            figures["acknowledged"] == Double(Self.writes),
            "across the shaped link only \(figures["acknowledged"] ?? 0) of \(Self.writes) writes were acknowledged"
        )
        findings.check(
            figures["lost"] == 0,
            "across the shaped link \(figures["lost"] ?? -1) acknowledged writes are missing"
        )
        findings.check(
            figures["duplicated"] == 0,
            "across the shaped link \(figures["duplicated"] ?? -1) documents are there twice"
        )
        findings.check(daemon.isRunning, "licitd is not running after the shaped link")
        daemon.stop()
        let verified = try daemon.auditVerify()
        findings.check(verified.status == 0, "audit verify after the shaped link: \(verified.output)")
        return findings
    }

    private func setUp(ip: String, tc: String) -> [(String, [String])] {
        let server = Self.serverNamespace
        let client = Self.clientNamespace
        return [
            (ip, ["netns", "add", server]),
            (ip, ["netns", "add", client]),
            // Made inside the server's namespace, its peer moved straight into the client's.
            (ip, ["-n", server, "link", "add", "lrel-s", "type", "veth", "peer", "name", "lrel-c", "netns", client]),
            (ip, ["-n", server, "addr", "add", "\(Self.serverAddress)/24", "dev", "lrel-s"]),
            (ip, ["-n", client, "addr", "add", "\(Self.clientAddress)/24", "dev", "lrel-c"]),
            (ip, ["-n", server, "link", "set", "lrel-s", "up"]),
            (ip, ["-n", client, "link", "set", "lrel-c", "up"]),
            (ip, ["-n", server, "link", "set", "lo", "up"]),
            (ip, ["-n", client, "link", "set", "lo", "up"]),
        ]
    }

    /// Deleting the namespaces deletes the veth pair and its shaping with them.
    private func tearDown(_ ip: String) {
        for namespace in [Self.serverNamespace, Self.clientNamespace] {
            _ = try? runProgram(ip, ["netns", "del", namespace])
        }
    }

    private func unavailable(_ reason: String, into findings: inout Findings) {
        if self.lab.strict {
            findings.fail("shaped link: \(reason)")
        } else {
            findings.skipped.append("shaped link: \(reason)")
        }
    }
}
