"""The cards browser: every card in a table, searched in Anki's syntax."""
