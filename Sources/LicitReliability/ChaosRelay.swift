import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A TCP relay that is a bad network: it forwards bytes between a client and the exchange in
/// pieces of random size, each after a random delay, and now and then cuts the connection in
/// both directions mid-stream — so that requests and answers are lost in flight and clients must
/// retry with their request ids. Blocking sockets, two threads per connection: it is a test tool.
final class ChaosRelay: Sendable {
    let port: Int
    private let listener: Int32
    private let upstream: sockaddr_in
    private let cutProbability: Double
    private let counts = Mutex<(connections: Int, cuts: Int, bytes: Int)>((0, 0, 0))

    /// Listens on 127.0.0.1 (any free port) and relays to `host`:`port`.
    init(to host: String, port: Int, cutProbability: Double) throws {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { throw ProbeError("not an IPv4 address: \(host)") }
        self.upstream = address
        self.cutProbability = cutProbability
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var local = sockaddr_in()
        local.sin_family = sa_family_t(AF_INET)
        local.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(listener, pointer, length) == 0 && listen(listener, 64) == 0
                    && getsockname(listener, pointer, &length) == 0
            }
        }
        guard bound else { throw ProbeError("the chaos relay could not listen: errno \(errno)") }
        self.listener = listener
        self.port = Int(UInt16(bigEndian: local.sin_port))
        Thread.detachNewThread { self.acceptLoop() }
    }

    var figures: [String: Double] {
        self.counts.withLock {
            [
                "relay_connections": Double($0.connections), "relay_cuts": Double($0.cuts),
                "relay_bytes": Double($0.bytes),
            ]
        }
    }

    private func acceptLoop() {
        while true {
            let client = accept(self.listener, nil, nil)
            guard client >= 0 else { return }
            var address = self.upstream
            let server = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(server, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                }
            }
            guard connected else {
                close(client)
                close(server)
                continue
            }
            self.counts.withLock { $0.connections += 1 }
            let pair = SocketPair(client: client, server: server)
            Thread.detachNewThread { self.pump(from: client, to: server, pair) }
            Thread.detachNewThread { self.pump(from: server, to: client, pair) }
        }
    }

    /// Copies one direction in random pieces with random delays, cutting both at random.
    private func pump(from source: Int32, to destination: Int32, _ pair: SocketPair) {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = read(source, &buffer, buffer.count)
            guard count > 0 else { break }
            var offset = 0
            while offset < count {
                if Double.random(in: 0..<1) < self.cutProbability {
                    self.counts.withLock { $0.cuts += 1 }
                    pair.cut()
                    return
                }
                let piece = min(count - offset, Int.random(in: 1...1024))
                usleep(UInt32.random(in: 0...20_000))
                let written = buffer[offset..<(offset + piece)].withUnsafeBytes {
                    write(destination, $0.baseAddress, piece)
                }
                guard written > 0 else {
                    pair.cut()
                    return
                }
                self.counts.withLock { $0.bytes += written }
                offset += written
            }
        }
        pair.cut()
    }
}

/// Both sockets of one relayed connection, closed once.
private final class SocketPair: Sendable {
    private let sockets: Mutex<(Int32, Int32)?>

    init(client: Int32, server: Int32) { self.sockets = Mutex((client, server)) }

    func cut() {
        guard
            let (client, server) = self.sockets.withLock({ value -> (Int32, Int32)? in
                defer { value = nil }
                return value
            })
        else { return }
        shutdown(client, Int32(SHUT_RDWR))
        shutdown(server, Int32(SHUT_RDWR))
        close(client)
        close(server)
    }
}
