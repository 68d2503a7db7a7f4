import Foundation
import LicitWire

/// A sealed document printed for the consignment or a paper partner: HTML, plain text or JSON.
///
/// The print is a pure function of the sealed bytes, the seal, the key id, the language and the
/// names shown beside the codes, and it carries them all.
/// `licit verify` checks the seal, prints the document again and compares the whole file, so one
/// changed byte anywhere — in the sealed data or in the text around it — is caught.
package struct PrintedDocument: Equatable {
    package enum Format: String, CaseIterable {
        case html, text, json
    }

    static let version = "licit-print/1"
    static let armorBegin = "-----BEGIN LICIT SEALED DOCUMENT-----"
    static let armorEnd = "-----END LICIT SEALED DOCUMENT-----"

    let format: Format
    let kind: Licit_V1_DocumentKind
    let content: Data
    let seal: Data
    package let keyID: String
    let language: PrintLanguage
    /// Country and substance names by code, in `language`: not sealed (the codes beside them are).
    let names: [String: String]

    package init(
        format: Format,
        kind: Licit_V1_DocumentKind,
        content: Data,
        seal: Data,
        keyID: String,
        language: PrintLanguage,
        names: [String: String]
    ) {
        self.format = format
        self.kind = kind
        self.content = content
        self.seal = seal
        self.keyID = keyID
        self.language = language
        self.names = names
    }

    var kindName: String { self.kind == .importAuthorization ? "import_authorization" : "export_authorization" }

    package func render() throws -> String {
        let facts = try DocumentFacts(
            kind: self.kind,
            content: self.content,
            language: self.language,
            names: self.names
        )
        switch self.format {
        case .text: return TextPrint.render(facts, armor: self.armor, language: self.language)
        case .html:
            return HTMLPrint.render(
                facts,
                armor: self.armor,
                qr: try? QRCode(self.qrText).svg(),
                language: self.language
            )
        case .json: return self.json
        }
    }

    /// What the print's QR code carries: the document's key, the seal key's id and the seal, so that
    /// a scanner tells which document and key the paper claims, and whether its seal is the one printed.
    var qrText: String {
        let facts = try? DocumentFacts(kind: self.kind, content: self.content)
        return
            "LICIT1;\(facts?.authority ?? "")/\(facts?.number ?? "");\(self.keyID);\(self.seal.base64EncodedString())"
    }

    /// The sealed bytes, the seal and the key id, in a block a person can copy and a program can parse.
    var armor: String {
        let wrapped = stride(from: 0, to: self.content.base64EncodedString().count, by: 64).map { offset in
            let text = self.content.base64EncodedString()
            let start = text.index(text.startIndex, offsetBy: offset)
            return String(text[start..<(text.index(start, offsetBy: 64, limitedBy: text.endIndex) ?? text.endIndex)])
        }
        return
            ([
                Self.armorBegin, "format: \(Self.version) \(self.format.rawValue)", "kind: \(self.kindName)",
                "key-id: \(self.keyID)", "seal: \(self.seal.base64EncodedString())", "lang: \(self.language.rawValue)",
                "names: \(Self.encode(self.names))", "content:",
            ]
            + wrapped + [Self.armorEnd]).joined(separator: "\n")
    }

    private var json: String {
        let document: Any =
            self.kind == .importAuthorization
            ? Output.value((try? Licit_V1_ImportAuthorizationContent(serializedBytes: self.content)) ?? .init())
            : Output.value((try? Licit_V1_ExportAuthorizationContent(serializedBytes: self.content)) ?? .init())
        return Output.json([
            "format": Self.version,
            "kind": self.kindName,
            "keyId": self.keyID,
            "seal": self.seal.base64EncodedString(),
            "content": self.content.base64EncodedString(),
            "document": document,
            "language": self.language.rawValue,
            "names": self.names,
        ]) + "\n"
    }

    /// Reads the sealed data back from a print of any format.
    static func parse(_ text: String) throws -> PrintedDocument {
        if text.first == "{" {
            guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                object["format"] as? String == Self.version
            else { throw Self.unreadable("it is JSON but not a Licit printed document") }
            return try Self.make(
                format: "json",
                kind: object["kind"] as? String,
                keyID: object["keyId"] as? String,
                seal: object["seal"] as? String,
                content: object["content"] as? String,
                language: object["language"] as? String,
                names: object["names"] as? [String: String]
            )
        }
        guard let begin = text.range(of: Self.armorBegin),
            let end = text.range(of: Self.armorEnd, range: begin.upperBound..<text.endIndex)
        else { throw Self.unreadable("it has no \(Self.armorBegin) block") }
        var header: [String: String] = [:]
        var content = ""
        var inContent = false
        for line in text[begin.upperBound..<end.lowerBound].split(separator: "\n") {
            if inContent {
                content += line
            } else if line == "content:" {
                inContent = true
            } else if let colon = line.firstIndex(of: ":") {
                header[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        let format = header["format"]?.split(separator: " ")
        guard format?.count == 2, format?[0] == Substring(Self.version) else {
            throw Self.unreadable("its format line is not \(Self.version)")
        }
        return try Self.make(
            format: String(format![1]),
            kind: header["kind"],
            keyID: header["key-id"],
            seal: header["seal"],
            content: content,
            language: header["lang"],
            names: header["names"].flatMap(Self.decode)
        )
    }

    private static func make(
        format: String,
        kind: String?,
        keyID: String?,
        seal: String?,
        content: String?,
        language: String?,
        names: [String: String]?
    ) throws -> PrintedDocument {
        guard let language = language.flatMap(PrintLanguage.init(rawValue:)), let names else {
            throw Self.unreadable("its language or names are missing")
        }
        guard let format = Format(rawValue: format) else { throw Self.unreadable("unknown print format \(format)") }
        let kinds: [String: Licit_V1_DocumentKind] = [
            "import_authorization": .importAuthorization, "export_authorization": .exportAuthorization,
        ]
        guard let kind = kind.flatMap({ kinds[$0] }) else { throw Self.unreadable("unknown document kind") }
        guard let seal = seal.flatMap({ Data(base64Encoded: $0) }),
            let content = content.flatMap({ Data(base64Encoded: $0) }),
            let keyID
        else { throw Self.unreadable("its seal or content is not base64") }
        return PrintedDocument(
            format: format,
            kind: kind,
            content: content,
            seal: seal,
            keyID: keyID,
            language: language,
            names: names
        )
    }

    /// Names as one base64 line of key-sorted JSON.
    static func encode(_ names: [String: String]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: names, options: [.sortedKeys])) ?? Data("{}".utf8)
        return data.base64EncodedString()
    }

    static func decode(_ line: String) -> [String: String]? {
        guard let data = Data(base64Encoded: line) else { return nil }
        return try? JSONSerialization.jsonObject(with: data) as? [String: String]
    }

    private static func unreadable(_ why: String) -> CLIError {
        CLIError(.verificationFailed, "not a readable Licit printed document: \(why)")
    }
}
