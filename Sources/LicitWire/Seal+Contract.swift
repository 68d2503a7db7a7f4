// The seal on issued documents is part of the contract: whoever imports LicitWire can verify one.
@_exported import LicitSeal
