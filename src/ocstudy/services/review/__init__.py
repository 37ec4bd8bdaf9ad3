"""Review: the quiz service (the deck, the schedule, the settings), custom study, fitting
FSRS to the learner's answers and the statistics."""
