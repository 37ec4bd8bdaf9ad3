"""The content builder: the TOML sources read and checked (entities, facts, the paper's index,
the record's sources, the cards' reviews) and written into the content database
(``ocstudy build-content``). The app never imports it: it reads the database through
:mod:`ocstudy.content.repository`."""
