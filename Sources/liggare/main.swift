import LiggareCLI

LiggareCommand.main()
