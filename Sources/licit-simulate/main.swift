import LicitSimulation

await SimulateCommand.runFromCommandLine()
