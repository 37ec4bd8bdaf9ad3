"""Two computers in step through a folder the learner already syncs (``docs/sync.md``)."""
