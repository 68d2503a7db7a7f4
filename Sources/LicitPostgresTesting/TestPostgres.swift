import Foundation
import Synchronization

/// A throwaway PostgreSQL cluster for the tests: `initdb` into a temporary folder, `pg_ctl start`
/// on a free port of 127.0.0.1, one new database per test. PostgreSQL refuses to run as root, so
/// under root the cluster runs as the `postgres` user (Debian's package creates it) or `nobody`.
///
/// Where PostgreSQL is not installed, ``shared()`` is nil (the tests that need it skip, saying
/// why) — except in CI (`CI=true`), where its absence is an error.
public final class TestPostgres: Sendable {
    public let port: Int
    public let directory: URL
    let binaries: URL
    let user: String?
    private let databases = Atomic<Int>(0)

    private static let cluster = Mutex<Result<TestPostgres, any Error>?>(nil)

    /// The test process's cluster, started on first use and stopped when the process exits.
    public static func shared() throws -> TestPostgres? {
        try Self.cluster.withLock { cluster in
            if cluster == nil {
                cluster = Result {
                    guard let binaries = Self.binaries() else { throw Unavailable() }
                    let started = try TestPostgres(binaries: binaries)
                    atexit { try? TestPostgres.cluster.withLock { try $0?.get().stop() } }
                    return started
                }
            }
            do {
                return try cluster!.get()
            } catch is Unavailable where ProcessInfo.processInfo.environment["CI"] != "true" {
                return nil
            }
        }
    }

    private static let own = Mutex<[TestPostgres]>([])

    /// A cluster of the caller's own, for a test that stops or restarts it without disturbing the
    /// others; stopped when the process exits. Nil where ``shared()`` is.
    public static func separate() throws -> TestPostgres? {
        guard try Self.shared() != nil, let binaries = Self.binaries() else { return nil }
        let cluster = try TestPostgres(binaries: binaries)
        let first = Self.own.withLock { own in
            own.append(cluster)
            return own.count == 1
        }
        if first { atexit { TestPostgres.own.withLock { for cluster in $0 { try? cluster.stop(mode: "immediate") } } } }
        return cluster
    }

    /// Whether PostgreSQL's server programs are installed here.
    public static var isInstalled: Bool { Self.binaries() != nil }

    /// Why a test that needs PostgreSQL did not run.
    public static let skipReason =
        "PostgreSQL is not installed (apt-get install postgresql): the PostgreSQL tests are skipped outside CI"

    struct Unavailable: Error, CustomStringConvertible {
        var description: String { "PostgreSQL's initdb and pg_ctl were not found on PATH or in /usr/lib/postgresql" }
    }

    private init(binaries: URL) throws {
        self.binaries = binaries
        self.user = geteuid() == 0 ? Self.unprivilegedUser() : nil
        self.port = try Self.freePort()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "licit-pg-\(UUID().uuidString.prefix(8))"
        )
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        self.directory = directory
        if let user = self.user { try Self.run(URL(fileURLWithPath: "/bin/chown"), ["-R", user, directory.path]) }
        let data = directory.appendingPathComponent("data").path
        try self.run("initdb", ["-D", data, "-U", "licit", "--auth=trust", "-E", "UTF8", "--no-instructions"])
        try self.start()
    }

    /// Starts the server (again, after ``stop(mode:)``), on the same port and data.
    public func start() throws {
        try self.run(
            "pg_ctl",
            [
                "-D", self.directory.appendingPathComponent("data").path, "-l",
                self.directory.appendingPathComponent("server.log").path, "-w", "-t", "60", "-o",
                "-p \(self.port) -k \(self.directory.path) -c listen_addresses=127.0.0.1 -c max_connections=200",
                "start",
            ]
        )
    }

    /// A new, empty database; its `postgres://` URL.
    public func createDatabase() throws -> String {
        let name = "licit_\(getpid())_\(self.databases.wrappingAdd(1, ordering: .relaxed).newValue)"
        try self.run(
            "psql",
            [
                "-h", "127.0.0.1", "-p", "\(self.port)", "-U", "licit", "-d", "postgres", "-qc",
                "CREATE DATABASE \(name)",
            ]
        )
        return "postgres://licit@127.0.0.1:\(self.port)/\(name)"
    }

    /// Runs SQL in `database` through psql, as the cluster's superuser; its output.
    @discardableResult
    public func psql(_ database: String, _ sql: String) throws -> String {
        try self.run("psql", ["-h", "127.0.0.1", "-p", "\(self.port)", "-U", "licit", "-d", database, "-Atqc", sql])
    }

    /// Stops the server and leaves the folder to the temporary directory's cleaning. `fast` rolls
    /// back open transactions and shuts down cleanly; `immediate` is a crash (recovery runs on
    /// the next start).
    public func stop(mode: String = "fast") throws {
        try self.run("pg_ctl", ["-D", self.directory.appendingPathComponent("data").path, "-m", mode, "-w", "stop"])
    }

    /// Restarts the server: connections are cut, committed data stays.
    public func restart() throws {
        try self.run(
            "pg_ctl",
            ["-D", self.directory.appendingPathComponent("data").path, "-m", "fast", "-w", "restart"]
        )
    }

    @discardableResult
    private func run(_ tool: String, _ arguments: [String]) throws -> String {
        let executable = self.binaries.appendingPathComponent(tool)
        guard let user = self.user else { return try Self.run(executable, arguments) }
        return try Self.run(URL(fileURLWithPath: "/usr/sbin/runuser"), ["-u", user, "--", executable.path] + arguments)
    }

    /// Runs a tool to its end with posix_spawn and waitpid (its output to a file, not a pipe:
    /// the server pg_ctl starts inherits the descriptors and would hold a pipe open). Every other
    /// descriptor is closed in the child: SwiftNIO's sockets are not close-on-exec, and a server
    /// that outlives the test would otherwise keep the test's connections open after the test's
    /// own servers closed them (a handshake deadline's close never reached its peer).
    @discardableResult
    private static func run(_ executable: URL, _ arguments: [String]) throws -> String {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("licit-pg-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: log) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        Self.closeOthers(&actions)
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable.path, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw Failure(description: "cannot start \(executable.path): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw Failure(
                description: "\(executable.lastPathComponent) \(arguments.joined(separator: " ")) failed: \(text)"
            )
        }
        return text
    }

    /// `posix_spawn_file_actions_addclosefrom_np(actions, 3)`: glibc has it since 2.34, but Swift's
    /// Glibc module does not declare it, so it is looked up by name.
    private static func closeOthers(_ actions: inout posix_spawn_file_actions_t) {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return }
        _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The folder holding initdb and pg_ctl: on PATH, or Debian's newest /usr/lib/postgresql/N/bin.
    static func binaries() -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        var candidates = path.split(separator: ":").map { URL(fileURLWithPath: String($0)) }
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        candidates += versions.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }.map {
            URL(fileURLWithPath: "/usr/lib/postgresql/\($0)/bin")
        }
        return candidates.first { folder in
            ["initdb", "pg_ctl", "psql"].allSatisfy {
                FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent($0).path)
            }
        }
    }

    private static func unprivilegedUser() -> String {
        getpwnam("postgres") != nil ? "postgres" : "nobody"
    }

    private static func freePort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
            }
        }
        guard bound else { throw Failure(description: "no free port on 127.0.0.1") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
