"""The quiz view: the start page and the card being reviewed."""
