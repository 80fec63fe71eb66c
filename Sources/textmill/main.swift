import TextMillCLI

TextMillCLI.mainWithBuiltinStages()
