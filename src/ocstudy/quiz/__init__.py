"""The quiz engine, pure Python: cards generated from the content, answer checking,
distractors, chronology, FSRS scheduling and session bookkeeping. No Qt, no SQL: storage is
``ocstudy.userdata.reviews`` and ``ocstudy.services.quiz`` wires the two together."""
