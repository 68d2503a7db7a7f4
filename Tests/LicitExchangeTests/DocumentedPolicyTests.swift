import Foundation
import LicitExchange
import LicitServerCore
import LicitStorage
import LicitWire
import Testing

/// The roles each method allows, read from PROTOCOL.md's method tables (the documented policy),
/// against what the exchange registers: a wrong role in either place fails here, whatever the
/// server's own table says.
@Suite("The documented access policy")
struct DocumentedPolicyTests {
    struct Documented {
        var roles: Set<Role>
        var isWrite: Bool?
    }

    static var protocolText: String {
        get throws {
            let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("PROTOCOL.md")
            return try String(contentsOf: file, encoding: .utf8)
        }
    }

    /// Every method row of PROTOCOL.md's tables: `| method | request → response | roles | write |`.
    static func documentedPolicy() throws -> [String: Documented] {
        var rows: [(method: String, roles: String, write: String)] = []
        for line in try Self.protocolText.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard cells.count >= 5, cells[2].contains("→") else { continue }
            let name = cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let candidates = LicitMethod.all.filter { $0 == name || $0.hasSuffix("/\(name)") }
            guard candidates.count == 1 else { continue }
            rows.append((candidates[0], cells[3], cells.count > 5 ? cells[4] : ""))
        }
        var policy: [String: Documented] = [:]
        // "as X" refers to a row above it.
        for row in rows {
            let roles: Set<Role>
            if row.roles.hasPrefix("as ") {
                let other = String(row.roles.dropFirst(3))
                let key = try #require(policy.keys.first { $0.hasSuffix("/\(other)") }, "\(row.method): as \(other)")
                roles = policy[key]!.roles
            } else if row.roles.hasPrefix("every role") {
                roles = Set(Role.allCases)
            } else {
                roles = Set(
                    row.roles.split(separator: ",").compactMap { token in
                        Role(rawValue: token.trimmingCharacters(in: CharacterSet(charactersIn: " `")).lowercased())
                    }
                )
            }
            let write: Bool? = row.write.hasPrefix("yes") ? true : row.write.hasPrefix("no") ? false : nil
            policy[row.method] = Documented(roles: roles, isWrite: write)
        }
        return policy
    }

    @Test("every exchange method is documented with the roles and the write flag it is registered with")
    func registeredAsDocumented() throws {
        let exchange = ExchangeContext(
            storage: InMemoryStorage(),
            sealKeys: SealKeyRing(current: .generate()),
            clock: SystemExchangeClock(),
            directory: InMemoryAccountDirectory()
        )
        let documented = try Self.documentedPolicy()
        let registered = exchange.handlers
        #expect(registered.count == LicitMethod.all.count - 2, "every method but Hello and Echo is the exchange's")
        for handler in registered {
            let policy = try #require(documented[handler.name], "\(handler.name) is not in PROTOCOL.md's tables")
            #expect(
                policy.roles == handler.allowedRoles,
                "\(handler.name): documented \(policy.roles.map(\.rawValue).sorted()), registered \(handler.allowedRoles.map(\.rawValue).sorted())"
            )
            if let isWrite = policy.isWrite {
                #expect(isWrite == handler.isWrite, "\(handler.name): documented write \(isWrite)")
            }
        }
    }

    @Test("the parser reads every kind of row: listed roles, every role, and as another method")
    func parserReadsTheTables() throws {
        let policy = try Self.documentedPolicy()
        #expect(policy[LicitMethod.Documents.issueImportAuthorization]?.roles == [.signer])
        #expect(policy[LicitMethod.Documents.issueImportAuthorization]?.isWrite == true)
        #expect(policy[LicitMethod.Documents.getSealKey]?.roles == Set(Role.allCases))
        #expect(policy[LicitMethod.Board.listAudit]?.roles == [.boardAdmin, .boardObserver])
        #expect(policy[LicitMethod.Inbox.acknowledge]?.isWrite == true)
    }

    @Test("the event kinds a notification target may choose are those PROTOCOL.md §15.5 lists")
    func eventKinds() throws {
        let text = try Self.protocolText
        let start = try #require(text.range(of: "### 15.5 Inbox"))
        let end = try #require(text.range(of: "### 15.6", range: start.upperBound..<text.endIndex))
        var documented = Set<String>()
        for line in text[start.upperBound..<end.lowerBound].split(separator: "\n") where line.hasPrefix("| `") {
            let kinds = line.split(separator: "|")[0]
            for part in kinds.split(separator: "`").enumerated()
            where part.offset % 2 == 1 && !part.element.contains(".") {
                documented.insert(String(part.element))
            }
        }
        #expect(documented == Set(Exchange.eventKinds))
    }
}
