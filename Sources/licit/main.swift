import Foundation
import LicitCLI

exit(await LicitCommand.run(Array(CommandLine.arguments.dropFirst())))
