"""The study view: the instrument tree, the detail pane and the learner's notes."""
