import LicitSim

await LicitSimCommand.run(Array(CommandLine.arguments.dropFirst()))
