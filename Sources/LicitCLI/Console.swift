import Foundation
import Synchronization

/// Where commands write, read and look up their environment: the terminal, or a buffer in tests.
package final class Console: Sendable {
    @TaskLocal package static var current = Console()

    package let environment: [String: String]
    private let isCapturing: Bool
    private let buffer: Mutex<(out: String, err: String, input: [String])>
    private let wroteOutput = Mutex(false)

    /// The process's terminal and environment.
    package init() {
        self.environment = ProcessInfo.processInfo.environment
        self.isCapturing = false
        self.buffer = Mutex((out: "", err: "", input: []))
    }

    /// A console that keeps what is written, answers prompts from `input`, and sees only `environment`.
    package init(capturingWith environment: [String: String], input: [String] = []) {
        self.environment = environment
        self.isCapturing = true
        self.buffer = Mutex((out: "", err: "", input: input))
    }

    package var standardOutput: String { self.buffer.withLock { $0.out } }
    package var standardError: String { self.buffer.withLock { $0.err } }

    /// Writes a line (or several) to standard output.
    package func out(_ text: String) {
        self.wroteOutput.withLock { $0 = true }
        guard self.isCapturing else {
            FileHandle.standardOutput.write(Data((text + "\n").utf8))
            return
        }
        self.buffer.withLock { $0.out += text + "\n" }
    }

    /// Whether anything was written to standard output yet (a command's own answer).
    package var hasWrittenOutput: Bool { self.wroteOutput.withLock { $0 } }

    /// Writes to standard error: diagnostics, previews and prompts.
    package func err(_ text: String, terminator: String = "\n") {
        guard self.isCapturing else {
            FileHandle.standardError.write(Data((text + terminator).utf8))
            return
        }
        self.buffer.withLock { $0.err += text + terminator }
    }

    /// A progress line on a terminal's standard error, rewritten in place (nil clears it); nothing
    /// when standard error is not a terminal.
    package func progress(_ text: String?) {
        guard !self.isCapturing, isatty(STDERR_FILENO) == 1 else { return }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + (text ?? "")).utf8))
    }

    /// Whether a person can answer a prompt.
    package var isInteractive: Bool {
        self.isCapturing ? !self.buffer.withLock { $0.input.isEmpty } : isatty(STDIN_FILENO) == 1
    }

    package func readLine() -> String? {
        guard self.isCapturing else { return Swift.readLine() }
        return self.buffer.withLock { $0.input.isEmpty ? nil : $0.input.removeFirst() }
    }

    /// Asks a yes/no question on standard error; only "y" or "yes" agrees.
    package func confirm(_ question: String) -> Bool {
        self.err("\(question) [y/N] ", terminator: "")
        let answer = self.readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
        return answer == "y" || answer == "yes"
    }
}
