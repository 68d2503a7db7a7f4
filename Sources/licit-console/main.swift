import LicitConsole

await ConsoleCommand.runFromCommandLine()
