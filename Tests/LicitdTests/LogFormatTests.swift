import Foundation
import LicitDaemon
import Logging
import Synchronization
import Testing

/// `--log-format json`: one JSON object per line, metadata as fields; bad settings refused.
@Suite("licitd log formats")
struct LogFormatTests {
    final class Lines: Sendable {
        let data = Mutex<[Data]>([])
    }

    @Test("each event is one JSON line with time, level, label, message and its metadata as fields")
    func jsonLines() throws {
        let lines = Lines()
        var handler = JSONLogHandler(label: "licit.server") { line in lines.data.withLock { $0.append(line) } }
        handler.logLevel = .info
        handler[metadataKey: "connection.id"] = "7"
        var logger = Logger(label: "licit.server") { _ in handler }
        logger[metadataKey: "peer"] = "127.0.0.1:5000"
        logger.debug("not written: below the level")
        logger.notice("closing connection", metadata: ["reason": "certificate_expired", "calls": .array(["1", "2"])])
        let written = lines.data.withLock { $0 }
        #expect(written.count == 1)
        let line = try #require(written.first)
        #expect(line.last == UInt8(ascii: "\n") && !line.dropLast().contains(UInt8(ascii: "\n")))
        let object = try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any])
        #expect(object["level"] as? String == "notice")
        #expect(object["label"] as? String == "licit.server")
        #expect(object["message"] as? String == "closing connection")
        #expect(object["reason"] as? String == "certificate_expired")
        #expect(object["connection.id"] as? String == "7")
        #expect(object["peer"] as? String == "127.0.0.1:5000")
        #expect(object["calls"] as? [String] == ["1", "2"])
        let time = try #require(object["time"] as? String)
        #expect(try Date(time, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) <= Date())
    }

    @Test("a log format or level licitd does not know is refused, naming the ones it knows")
    func refused() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("licit-log-\(UUID())")
        let format = try SandboxDaemonTests.run(["sandbox", "--data", directory.path, "--log-format", "xml"])
        #expect(format.status != 0 && format.output.contains("text or json"), "\(format.output)")
        let level = try SandboxDaemonTests.run(["sandbox", "--data", directory.path, "--log-level", "loud"])
        #expect(level.status != 0 && level.output.contains("trace, debug, info"), "\(level.output)")
        #expect(!FileManager.default.fileExists(atPath: directory.path), "nothing made for a refused command")
    }
}
