import TextMillCLI

TextMillCLI.main()
