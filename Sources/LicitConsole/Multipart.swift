import Foundation
import NIOCore

/// A `multipart/form-data` body (a form with a file): its parts, by name.
struct Multipart {
    struct Part {
        let name: String
        let filename: String?
        let contentType: String?
        let data: [UInt8]

        var text: String { String(decoding: self.data, as: UTF8.self) }
    }

    let parts: [Part]

    /// - Parameter contentType: the request's Content-Type, which names the boundary.
    init(_ body: ByteBuffer, contentType: String) throws {
        guard contentType.lowercased().hasPrefix("multipart/form-data"),
            let boundary = contentType.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) })
                .first(where: { $0.lowercased().hasPrefix("boundary=") })?.dropFirst("boundary=".count)
        else { throw ConsoleInputError("this form must be sent as multipart/form-data") }
        let bytes = Array(body.readableBytesView)
        let delimiter = Array("--\(boundary.trimmingCharacters(in: CharacterSet(charactersIn: "\"")))".utf8)
        var parts: [Part] = []
        guard var cursor = Self.find(delimiter, in: bytes, from: 0) else {
            throw ConsoleInputError("the form's body has no part")
        }
        while true {
            cursor += delimiter.count
            // "--" after a delimiter ends the body.
            if bytes[cursor...].starts(with: Array("--".utf8)) { break }
            guard bytes[cursor...].starts(with: Array("\r\n".utf8)),
                let headersEnd = Self.find(Array("\r\n\r\n".utf8), in: bytes, from: cursor + 2),
                let next = Self.find(Array("\r\n".utf8) + delimiter, in: bytes, from: headersEnd + 4)
            else { throw ConsoleInputError("the form's body is not well-formed multipart") }
            let headers = String(decoding: bytes[(cursor + 2)..<headersEnd], as: UTF8.self)
            parts.append(try Self.part(headers: headers, data: Array(bytes[(headersEnd + 4)..<next])))
            cursor = next + 2
        }
        self.parts = parts
    }

    subscript(_ name: String) -> Part? { self.parts.first { $0.name == name } }

    /// The text fields, as a form.
    var form: Form {
        var fields: [String: [String]] = [:]
        for part in self.parts where part.filename == nil {
            fields[part.name, default: []].append(part.text)
        }
        return Form(fields)
    }

    private static func part(headers: String, data: [UInt8]) throws -> Part {
        var name: String?
        var filename: String?
        var contentType: String?
        for line in headers.components(separatedBy: "\r\n") {
            let lowered = line.lowercased()
            if lowered.hasPrefix("content-disposition:") {
                name = Self.parameter("name", in: line)
                filename = Self.parameter("filename", in: line)
            } else if lowered.hasPrefix("content-type:") {
                contentType = line.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces)
            }
        }
        guard let name else { throw ConsoleInputError("a part of the form has no name") }
        return Part(name: name, filename: filename, contentType: contentType, data: data)
    }

    /// `name="value"` in a Content-Disposition header.
    private static func parameter(_ key: String, in header: String) -> String? {
        for piece in header.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard piece.hasPrefix("\(key)=") else { continue }
            return String(piece.dropFirst(key.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else {
            return nil
        }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }
}
