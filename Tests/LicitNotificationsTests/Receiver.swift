import Foundation
import LicitPKI

/// A receiver from Tests/Receivers, run with python3 for one test: its port, and what it logged.
final class Receiver: Sendable {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Receivers")
    static let python = "/usr/bin/python3"

    /// aiosmtpd is Debian's python3-aiosmtpd: CI installs it; elsewhere its tests skip without it.
    static let smtpAvailable: Bool = {
        if ProcessInfo.processInfo.environment["CI"] != nil { return true }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: Receiver.python)
        probe.arguments = ["-c", "import aiosmtpd"]
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }()

    let port: Int
    let log: URL
    private let process: Process

    /// Starts `script` with `arguments` (and `--log`), and waits for the port it prints.
    init(_ script: String, _ arguments: [String], in folder: URL) throws {
        self.log = folder.appendingPathComponent("\(script).jsonl")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = [Self.directory.appendingPathComponent(script).path] + arguments + ["--log", self.log.path]
        let output = Pipe()
        process.standardOutput = output
        FileManager.default.createFile(atPath: folder.appendingPathComponent("\(script).stderr").path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: folder.appendingPathComponent("\(script).stderr"))
        try process.run()
        self.process = process
        var text = Data()
        while !text.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw ReceiverFailed(script: script) }
            text.append(chunk)
        }
        guard let port = Int(String(decoding: text, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        else { throw ReceiverFailed(script: script) }
        self.port = port
    }

    /// Stopped with SIGKILL; Foundation reaps it (waiting for it here could block the test's thread).
    deinit { kill(self.process.processIdentifier, SIGKILL) }

    /// Every record logged so far, oldest first, as `Record`s.
    func records<Record: Decodable>(_: Record.Type = Record.self) -> [Record] {
        guard let text = try? String(contentsOf: self.log, encoding: .utf8) else { return [] }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return text.split(separator: "\n").compactMap { try? decoder.decode(Record.self, from: Data($0.utf8)) }
    }

    /// A CA, and a certificate it issued for 127.0.0.1, as PEM files in `folder`.
    static func certificates(in folder: URL) throws -> (ca: String, cert: String, key: String) {
        let authority = try CertificateAuthority.make(name: "Receivers' test CA")
        let server = try authority.issueServerCertificate(
            commonName: "localhost",
            dnsNames: ["localhost"],
            ipAddresses: ["127.0.0.1"]
        )
        let ca = folder.appendingPathComponent("receivers-ca.pem")
        try Data(try authority.identity.certificatePEM.utf8).write(to: ca)
        try server.write(to: folder.appendingPathComponent("receiver"))
        let identity = folder.appendingPathComponent("receiver")
        return (
            ca.path, identity.appendingPathComponent("cert.pem").path, identity.appendingPathComponent("key.pem").path
        )
    }
}

/// A temporary folder for one test's receivers, removed with it.
final class TestFolder: Sendable {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("licit-notify-\(UUID().uuidString)")

    init() throws { try FileManager.default.createDirectory(at: self.url, withIntermediateDirectories: true) }

    deinit { try? FileManager.default.removeItem(at: self.url) }
}

/// What webhook_receiver.py logs of one delivery.
struct WebhookRecord: Decodable {
    struct Body: Decodable {
        let target: String
        let inbox: String
        let events: [Event]
    }

    struct Event: Decodable {
        let sequence: Int
        let kind: String
        let subject: String?
        let status: String
        let summary: String
    }

    let path: String
    let headers: [String: String]
    let body: Body
    let signatureOk: Bool
    let answered: Int
}

/// What smtp_receiver.py logs of one message.
struct MailRecord: Decodable {
    let mailFrom: String
    let rcptTos: [String]
    let tls: Bool
    let subject: String
    let from: String
    let to: String
    let messageId: String
    let text: String
}

struct ReceiverFailed: Error, CustomStringConvertible {
    let script: String
    var description: String { "\(self.script) did not start (is python3 there, with aiosmtpd for mail?)" }
}
