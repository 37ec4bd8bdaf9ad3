"""HTML for the views, built without Qt (Qt's rich-text subset: QTextBrowser, QLabel,
QTextDocument): an entry's detail page, a quiz card's answer side, the revision sheet's body,
the timeline's tooltips and panel, long text made safe to lay out. Colours come in as plain
values (:class:`~ocstudy.render.colors.Colors`, made from the palette by the UI), so every
piece can be tested without a window."""
