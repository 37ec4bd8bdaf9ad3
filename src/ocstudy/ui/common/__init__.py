"""What the views share: the palette's colours, the question before a deletion, where file
dialogs start, long work run as an operation, long text in cells and editors, the timeline's
marks (the timeline view's and the revision sheet's figures) and the keys that flag a card.
The views import one another never, this package always (``lint-imports``)."""
