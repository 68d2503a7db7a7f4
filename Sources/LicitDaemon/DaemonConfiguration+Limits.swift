import Foundation

extension DaemonConfiguration.Limits {
    /// Reads a limits file: the `limits` object of a serve configuration on its own, for example
    /// `{"authority_writes_per_second": 5000, "authority_write_burst": 5000}`. A key that names no
    /// limit is refused, so a misspelt limit is never silently ignored.
    package static func read(_ path: String) throws -> Self {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ValidationFailure("cannot read the limits file \(path): \(ValidationFailure.explain(error))")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ValidationFailure("the limits file \(path) is not a JSON object of limits")
        }
        let unknown = Set(object.keys).subtracting(Self.keys).sorted()
        guard unknown.isEmpty else {
            throw ValidationFailure(
                "the limits file \(path) names no such limit: \(unknown.joined(separator: ", ")) (known: \(Self.keys.sorted().joined(separator: ", ")))"
            )
        }
        do {
            let limits = try JSONDecoder.snakeCase.decode(Self.self, from: data)
            if let negative = Mirror(reflecting: limits).children.first(where: {
                ($0.value as? Int).map { $0 < 1 } ?? false
            }) {
                throw ValidationFailure(
                    "the limits file \(path): \(Self.snakeCase(negative.label ?? "")) is at least 1"
                )
            }
            return limits
        } catch let failure as ValidationFailure {
            throw failure
        } catch {
            throw ValidationFailure("the limits file \(path): \(ValidationFailure.explain(error))")
        }
    }

    /// Every key a limits file may hold, in snake_case.
    package static var keys: Set<String> {
        Set(Mirror(reflecting: Self()).children.compactMap(\.label).map(Self.snakeCase))
    }

    private static func snakeCase(_ name: String) -> String {
        name.reduce(into: "") { text, character in
            if character.isUppercase { text += "_" + character.lowercased() } else { text.append(character) }
        }
    }

    /// These limits, with the write pace (and its burst) replaced when `writesPerSecond` is given.
    package func pacing(_ writesPerSecond: Int?) -> Self {
        guard let writesPerSecond else { return self }
        var limits = self
        limits.authorityWritesPerSecond = writesPerSecond
        limits.authorityWriteBurst = writesPerSecond
        return limits
    }
}
