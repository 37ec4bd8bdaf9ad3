"""User data layer: the learner's own database (notes, later reviews), apart from the content."""
