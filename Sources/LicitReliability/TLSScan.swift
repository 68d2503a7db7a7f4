import Foundation

/// What an outside scanner sees of the exchange's TLS: `openssl s_client` for the three
/// answers that matter (TLS 1.2 refused, no certificate refused, TLS 1.3 with one accepted),
/// then sslyze for every protocol version and cipher suite.
struct TLSScan {
    let lab: Lab
    let daemon: LicitdProcess

    func run() throws -> Findings {
        var findings = Findings()
        let address = "\(self.daemon.manifest.host):\(self.daemon.manifest.port)"
        let ca = self.daemon.manifest.caFile
        let identity = self.daemon.sandbox.appendingPathComponent("identities/fr-viewer").path
        if let openssl = which("openssl") {
            let old = try runProgram(
                openssl,
                ["s_client", "-connect", address, "-tls1_2", "-CAfile", ca],
                timeout: .seconds(20)
            )
            findings.check(
                old.status != 0 && old.output.contains("Cipher is (NONE)"),
                "openssl: a TLS 1.2 handshake was not refused: \(old.output.suffix(400))"
            )
            let anonymous = try self.openssl(openssl, ["-tls1_3", "-CAfile", ca, "-alpn", "licit/1"], address)
            findings.check(
                anonymous.contains("alert certificate required"),
                "openssl: TLS 1.3 without a client certificate was not refused: \(anonymous.suffix(400))"
            )
            let authenticated = try self.openssl(
                openssl,
                [
                    "-tls1_3", "-CAfile", ca, "-cert", "\(identity)/cert.pem", "-key", "\(identity)/key.pem", "-alpn",
                    "licit/1",
                ],
                address
            )
            findings.check(
                authenticated.contains("New, TLSv1.3") && authenticated.contains("ALPN protocol: licit/1")
                    && !authenticated.contains("alert"),
                "openssl: TLS 1.3 with a sandbox certificate did not connect: \(authenticated.suffix(400))"
            )
        } else {
            self.missing("openssl", into: &findings)
        }
        guard let sslyze = ProcessInfo.processInfo.environment["LICIT_SSLYZE"] ?? which("sslyze") else {
            self.missing("sslyze (pip install sslyze; or set LICIT_SSLYZE)", into: &findings)
            return findings
        }
        let versions = ["--sslv2", "--sslv3", "--tlsv1", "--tlsv1_1", "--tlsv1_2", "--tlsv1_3"]
        let anonymous = try self.sslyze(sslyze, ["--tlsv1_3"], address)
        let requirement = anonymous?.connectivity["client_auth_requirement"] as? String
        findings.check(
            requirement == "REQUIRED",
            "sslyze: client authentication is \(requirement ?? "unknown"), not REQUIRED"
        )
        findings.figures["sslyze_client_auth_required"] = requirement == "REQUIRED" ? 1 : 0
        let scan = try self.sslyze(
            sslyze,
            ["--cert", "\(identity)/cert.pem", "--key", "\(identity)/key.pem", "--keyform", "PEM"] + versions,
            address
        )
        guard let scan else {
            findings.fail("sslyze produced no result")
            return findings
        }
        var legacy = 0
        for version in ["ssl_2_0", "ssl_3_0", "tls_1_0", "tls_1_1", "tls_1_2"] {
            let accepted = scan.accepted("\(version)_cipher_suites")
            legacy += accepted
            findings.check(accepted == 0, "sslyze: \(accepted) \(version) cipher suites accepted")
        }
        let modern = scan.accepted("tls_1_3_cipher_suites")
        findings.check(modern > 0, "sslyze: no TLS 1.3 cipher suite accepted")
        findings.figures["sslyze_legacy_cipher_suites_accepted"] = Double(legacy)
        findings.figures["sslyze_tls13_cipher_suites_accepted"] = Double(modern)
        return findings
    }

    private func missing(_ tool: String, into findings: inout Findings) {
        if self.lab.strict {
            findings.fail("\(tool) is not installed")
        } else {
            findings.skipped.append("TLS scan with \(tool): not installed")
        }
    }

    /// s_client with a little input, so that it reads the server's answer to the handshake.
    private func openssl(_ openssl: String, _ arguments: [String], _ address: String) throws -> String {
        let script =
            "(sleep 1; printf ping) | \(openssl) s_client -connect \(address) \(arguments.joined(separator: " ")) 2>&1"
        // s_client printing nothing at all (seen rarely on a loaded machine) is the tool failing,
        // not the exchange answering: try again, twice at most.
        var result = (status: Int32(0), output: "")
        for _ in 0..<3 {
            result = try runProgram("/bin/sh", ["-c", script], timeout: .seconds(20))
            if result.output.contains("CONNECTED") { break }
        }
        return result.output + "\n[s_client exit \(result.status)]"
    }

    struct SSLyzeResult {
        let connectivity: [String: Any]
        let scan: [String: Any]

        func accepted(_ command: String) -> Int {
            let result = (self.scan[command] as? [String: Any])?["result"] as? [String: Any]
            return (result?["accepted_cipher_suites"] as? [Any])?.count ?? 0
        }
    }

    private func sslyze(_ sslyze: String, _ arguments: [String], _ address: String) throws -> SSLyzeResult? {
        let output = self.lab.work.appendingPathComponent("sslyze-\(UUID().uuidString).json")
        try runProgram(sslyze, arguments + ["--json_out=\(output.path)", address], timeout: .seconds(300))
        guard let data = try? Data(contentsOf: output),
            let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let server = (json["server_scan_results"] as? [[String: Any]])?.first
        else { return nil }
        return SSLyzeResult(
            connectivity: server["connectivity_result"] as? [String: Any] ?? [:],
            scan: server["scan_result"] as? [String: Any] ?? [:]
        )
    }
}
