import Foundation
import LicitDaemon
import LicitNotifications
import Testing

@Suite("licitd's notifications section: SMTP, trust roots and retry timing, with clear errors")
struct NotificationConfigurationTests {
    static func configuration(_ notifications: String) throws -> DaemonConfiguration {
        let json = """
            { "listen": { "host": "127.0.0.1", "port": 7443 }, "ca_certificate": "ca.pem",
              "server_certificate": "cert.pem", "server_key": "key.pem", "accounts_file": "accounts.json",
              "seal_key": "seal.b64", "notifications": \(notifications) }
            """
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("licitd-\(UUID().uuidString).json")
        try Data(json.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try DaemonConfiguration.read(file.path)
    }

    @Test("defaults, STARTTLS on 587, TLS on 465, the password from its file, timings in milliseconds")
    func settings() throws {
        let password = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-\(UUID().uuidString)")
        try Data("p4ss\n".utf8).write(to: password)
        defer { try? FileManager.default.removeItem(at: password) }
        let plain = try #require(try Self.configuration("{}").notificationSettings())
        #expect(plain.smtp == nil && plain.firstRetryDelay == .seconds(5) && plain.maxRetryDelay == .seconds(900))
        let starttls = try #require(
            try Self.configuration(
                """
                { "smtp": { "host": "smtp.example", "from": "licit@example.org", "username": "licit",
                            "password_file": "\(password.path)" }, "first_retry_ms": 250, "max_retry_ms": 1000 }
                """
            ).notificationSettings()
        )
        #expect(starttls.smtp?.port == 587 && starttls.smtp?.security == .starttls && starttls.smtp?.password == "p4ss")
        #expect(starttls.firstRetryDelay == .milliseconds(250) && starttls.maxRetryDelay == .seconds(1))
        let tls = try #require(
            try Self.configuration(
                #"{ "smtp": { "host": "smtp.example", "from": "a@example.org", "security": "tls" } }"#
            )
            .notificationSettings()
        )
        #expect(tls.smtp?.port == 465)
        #expect(try Self.configuration(#"{ "enabled": false }"#).notificationSettings() == nil)
    }

    @Test("backoff doubles from the first delay up to the ceiling, less at most a fifth")
    func backoff() {
        let settings = NotificationSettings(firstRetryDelay: .seconds(5), maxRetryDelay: .seconds(60))
        #expect(
            (1...6).map { settings.retryDelay(afterFailures: $0, jitter: 0) }
                == [5, 10, 20, 40, 60, 60].map { .seconds($0) }
        )
        #expect(settings.retryDelay(afterFailures: 2, jitter: 1) == .seconds(8))
        #expect(settings.retryDelay(afterFailures: 1_000, jitter: 0) == .seconds(60))
    }

    @Test("a missing password file, a zero delay or an unknown security are refused by name")
    func errors() throws {
        #expect(throws: (any Error).self) {
            try Self.configuration(#"{ "smtp": { "host": "h.example", "from": "a@b.org", "security": "ssl" } }"#)
        }
        let missing = #expect(throws: (any Error).self) {
            try Self.configuration(
                #"{ "smtp": { "host": "h.example", "from": "a@b.org", "password_file": "/nonexistent/pw" } }"#
            ).notificationSettings()
        }
        #expect("\(missing.map { "\($0)" } ?? "")".contains("SMTP password"))
        let zero = #expect(throws: (any Error).self) {
            try Self.configuration(#"{ "first_retry_ms": 0 }"#).notificationSettings()
        }
        #expect("\(zero.map { "\($0)" } ?? "")".contains("first_retry_ms"))
    }
}
