"""The quiz engine, pure Python: cards generated from the content, answer checking,
distractors, chronology, FSRS scheduling and session bookkeeping. No Qt, no SQL: storage is
``ocstudy.userdata.reviews`` and ``ocstudy.services.review.quiz`` wires the two together."""
