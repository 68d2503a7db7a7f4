import LicitReliability

await ReliabilityCommand.runFromCommandLine()
