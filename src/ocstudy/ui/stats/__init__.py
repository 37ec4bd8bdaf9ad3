"""The statistics view and its charts."""
