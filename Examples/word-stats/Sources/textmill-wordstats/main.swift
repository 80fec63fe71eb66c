import TextMill
import TextMillCLI
import WordStats

// The full textmill command line, with one more stage.
TextMillCLI.main(registry: StageRegistry.builtin.adding([WordStatsStage.self]))
