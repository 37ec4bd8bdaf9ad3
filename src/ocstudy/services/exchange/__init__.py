"""Every file ocstudy writes or reads besides its databases: the Anki deck and the CSV, the
notes (Markdown, JSON), the learner's own cards and tags (JSON), the deck and the content
(JSON), the recovery files of unsaved text; and what they share: atomic writing, the checks
before an export replaces a file, what a wrong file is, how long a text may be."""
