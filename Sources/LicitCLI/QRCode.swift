/// A QR code (ISO/IEC 18004) in byte mode, versions 1 to 10, error correction M where the text
/// fits and L otherwise: enough for a document's key, key id and seal on a print.
struct QRCode {
    /// Dark modules, row by row; `size` × `size`.
    let modules: [[Bool]]
    var size: Int { self.modules.count }

    struct TooLong: Error {}

    /// Error correction blocks per version (1…10): EC codewords per block, and data codewords per block.
    private static let blocksM: [(ec: Int, data: [Int])] = [
        (10, [16]), (16, [28]), (26, [44]), (18, [32, 32]), (24, [43, 43]), (16, [27, 27, 27, 27]),
        (18, [31, 31, 31, 31]), (22, [38, 38, 39, 39]), (22, [36, 36, 36, 37, 37]), (26, [43, 43, 43, 43, 44]),
    ]
    private static let blocksL: [(ec: Int, data: [Int])] = [
        (7, [19]), (10, [34]), (15, [55]), (20, [80]), (26, [108]), (18, [68, 68]), (20, [78, 78]), (24, [97, 97]),
        (30, [116, 116]), (18, [68, 68, 69, 69]),
    ]
    private static let alignment: [[Int]] = [
        [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50],
    ]

    init(_ text: String) throws {
        let bytes = Array(text.utf8)
        // Level M (format bits 00) where the text fits, else L (01).
        for (blocks, formatBits) in [(Self.blocksM, 0), (Self.blocksL, 1)] {
            for version in 1...10 {
                let layout = blocks[version - 1]
                let capacity = layout.data.reduce(0, +)
                let countBits = version < 10 ? 8 : 16
                guard 4 + countBits + bytes.count * 8 <= capacity * 8 else { continue }
                let codewords = Self.codewords(bytes, version: version, layout: layout, countBits: countBits)
                self.modules = Self.matrix(codewords, version: version, formatBits: formatBits)
                return
            }
        }
        throw TooLong()
    }

    // MARK: Codewords

    private static func codewords(
        _ bytes: [UInt8],
        version: Int,
        layout: (ec: Int, data: [Int]),
        countBits: Int
    ) -> [UInt8] {
        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) {
            for index in (0..<count).reversed() { bits.append((value >> index) & 1 == 1) }
        }
        append(0b0100, 4)
        append(bytes.count, countBits)
        for byte in bytes { append(Int(byte), 8) }
        let capacity = layout.data.reduce(0, +) * 8
        append(0, min(4, capacity - bits.count))
        append(0, (8 - bits.count % 8) % 8)
        var data: [UInt8] = stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<start + 8].reduce(UInt8(0)) { $0 << 1 | ($1 ? 1 : 0) }
        }
        for pad in 0..<(capacity / 8 - data.count) { data.append(pad % 2 == 0 ? 0xEC : 0x11) }

        var blocks: [[UInt8]] = []
        var offset = 0
        for length in layout.data {
            blocks.append(Array(data[offset..<offset + length]))
            offset += length
        }
        let divisor = Self.divisor(layout.ec)
        let corrections = blocks.map { Self.remainder($0, divisor) }
        var interleaved: [UInt8] = []
        for index in 0..<(layout.data.max() ?? 0) {
            for block in blocks where index < block.count { interleaved.append(block[index]) }
        }
        for index in 0..<layout.ec {
            for correction in corrections { interleaved.append(correction[index]) }
        }
        return interleaved
    }

    /// GF(256) multiplication modulo x⁸ + x⁴ + x³ + x² + 1.
    private static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
        var z = 0
        for index in (0..<8).reversed() {
            z = (z << 1) ^ ((z >> 7) * 0x11D)
            z ^= Int((y >> index) & 1) * Int(x)
        }
        return UInt8(z)
    }

    private static func divisor(_ degree: Int) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: degree)
        result[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for index in 0..<degree {
                result[index] = Self.multiply(result[index], root)
                if index + 1 < degree { result[index] ^= result[index + 1] }
            }
            root = Self.multiply(root, 0x02)
        }
        return result
    }

    private static func remainder(_ data: [UInt8], _ divisor: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: divisor.count)
        for byte in data {
            let factor = byte ^ result.removeFirst()
            result.append(0)
            for index in result.indices { result[index] ^= Self.multiply(divisor[index], factor) }
        }
        return result
    }

    // MARK: The matrix

    private struct Grid {
        var dark: [[Bool]]
        var function: [[Bool]]

        init(size: Int) {
            self.dark = Array(repeating: Array(repeating: false, count: size), count: size)
            self.function = self.dark
        }

        mutating func set(_ x: Int, _ y: Int, _ value: Bool) {
            self.dark[y][x] = value
            self.function[y][x] = true
        }
    }

    private static func matrix(_ codewords: [UInt8], version: Int, formatBits: Int) -> [[Bool]] {
        let size = version * 4 + 17
        var grid = Grid(size: size)
        for index in 0..<size {
            grid.set(6, index, index % 2 == 0)
            grid.set(index, 6, index % 2 == 0)
        }
        for (x, y) in [(3, 3), (size - 4, 3), (3, size - 4)] {
            for dy in -4...4 {
                for dx in -4...4 where (0..<size).contains(x + dx) && (0..<size).contains(y + dy) {
                    let distance = max(abs(dx), abs(dy))
                    grid.set(x + dx, y + dy, distance != 2 && distance != 4)
                }
            }
        }
        let centres = Self.alignment[version - 1]
        for (i, x) in centres.enumerated() {
            for (j, y) in centres.enumerated() {
                let corner =
                    (i == 0 && j == 0) || (i == 0 && j == centres.count - 1) || (i == centres.count - 1 && j == 0)
                guard !corner else { continue }
                for dy in -2...2 {
                    for dx in -2...2 { grid.set(x + dx, y + dy, max(abs(dx), abs(dy)) != 1) }
                }
            }
        }
        Self.drawFormat(&grid, formatBits: formatBits, mask: 0)
        if version >= 7 {
            var remainder = version
            for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
            let bits = version << 12 | remainder
            for index in 0..<18 {
                let bit = (bits >> index) & 1 == 1
                let a = size - 11 + index % 3
                let b = index / 3
                grid.set(a, b, bit)
                grid.set(b, a, bit)
            }
        }
        // The codewords, in two-module columns from the right, upwards then downwards.
        var bit = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            for vertical in 0..<size {
                for offset in 0..<2 {
                    let x = right - offset
                    let upward = (right + 1) & 2 == 0
                    let y = upward ? size - 1 - vertical : vertical
                    guard !grid.function[y][x], bit < codewords.count * 8 else { continue }
                    grid.dark[y][x] = (codewords[bit >> 3] >> (7 - UInt8(bit & 7))) & 1 == 1
                    bit += 1
                }
            }
            right -= 2
        }
        // The mask that leaves the fewest penalty points.
        var best: (penalty: Int, grid: Grid)?
        for mask in 0..<8 {
            var masked = grid
            for y in 0..<size {
                for x in 0..<size where !masked.function[y][x] && Self.masks(mask, x, y) { masked.dark[y][x].toggle() }
            }
            Self.drawFormat(&masked, formatBits: formatBits, mask: mask)
            let penalty = Self.penalty(masked.dark)
            if best == nil || penalty < best!.penalty { best = (penalty, masked) }
        }
        return best!.grid.dark
    }

    private static func masks(_ mask: Int, _ x: Int, _ y: Int) -> Bool {
        switch mask {
        case 0: (x + y) % 2 == 0
        case 1: y % 2 == 0
        case 2: x % 3 == 0
        case 3: (x + y) % 3 == 0
        case 4: (x / 3 + y / 2) % 2 == 0
        case 5: x * y % 2 + x * y % 3 == 0
        case 6: (x * y % 2 + x * y % 3) % 2 == 0
        default: ((x + y) % 2 + x * y % 3) % 2 == 0
        }
    }

    private static func drawFormat(_ grid: inout Grid, formatBits: Int, mask: Int) {
        let size = grid.dark.count
        let data = formatBits << 3 | mask
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        let bits = (data << 10 | remainder) ^ 0x5412
        func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
        for index in 0..<6 { grid.set(8, index, bit(index)) }
        grid.set(8, 7, bit(6))
        grid.set(8, 8, bit(7))
        grid.set(7, 8, bit(8))
        for index in 9..<15 { grid.set(14 - index, 8, bit(index)) }
        for index in 0..<8 { grid.set(size - 1 - index, 8, bit(index)) }
        for index in 8..<15 { grid.set(8, size - 15 + index, bit(index)) }
        grid.set(8, size - 8, true)
    }

    /// Rules 1 (runs of five or more), 2 (2×2 blocks), 3 (finder-like patterns) and 4 (balance).
    private static func penalty(_ dark: [[Bool]]) -> Int {
        let size = dark.count
        var points = 0
        let columns = (0..<size).map { x in (0..<size).map { dark[$0][x] } }
        for line in dark + columns {
            var run = 1
            for index in 1..<size {
                if line[index] == line[index - 1] {
                    run += 1
                    if run == 5 { points += 3 } else if run > 5 { points += 1 }
                } else {
                    run = 1
                }
            }
            let pattern: [Bool] = [true, false, true, true, true, false, true]
            for start in 0...(size - 7) where Array(line[start..<start + 7]) == pattern {
                let before = start >= 4 && !line[(start - 4)..<start].contains(true)
                let after = start + 11 <= size && !line[(start + 7)..<(start + 11)].contains(true)
                if before || after { points += 40 }
            }
        }
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) {
                let colour = dark[y][x]
                if dark[y][x + 1] == colour && dark[y + 1][x] == colour && dark[y + 1][x + 1] == colour { points += 3 }
            }
        }
        let darkCount = dark.joined().filter { $0 }.count
        let total = size * size
        points += (abs(darkCount * 20 - total * 10) + total - 1) / total * 10
        return points
    }

    // MARK: Rendering

    /// Inline SVG, with the four-module quiet zone the standard asks for.
    func svg(pixels: Int = 180) -> String {
        let side = self.size + 8
        var path = ""
        for (y, row) in self.modules.enumerated() {
            for (x, dark) in row.enumerated() where dark { path += "M\(x + 4) \(y + 4)h1v1h-1z" }
        }
        return "<svg viewBox=\"0 0 \(side) \(side)\" width=\"\(pixels)\" "
            + "height=\"\(pixels)\" shape-rendering=\"crispEdges\" role=\"img\">"
            + "<rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/><path d=\"\(path)\" fill=\"#000\"/></svg>"
    }

    /// A plain PBM image (scale pixels per module, quiet zone included), for decoders that read files.
    func pbm(scale: Int = 4) -> String {
        let side = (self.size + 8) * scale
        var lines = ["P1", "\(side) \(side)"]
        for y in 0..<side {
            let row = (0..<side).map { x -> String in
                let (mx, my) = (x / scale - 4, y / scale - 4)
                let dark = (0..<self.size).contains(mx) && (0..<self.size).contains(my) && self.modules[my][mx]
                return dark ? "1" : "0"
            }
            lines.append(row.joined(separator: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
