"""The cards browser's logic, as Anki's: the rows, the search (its syntax and its query), the
actions on cards (suspend, bury, flag, tag, forget, set due; undoable) and the kinds of card
in words."""
