"""The timeline view: every dated event, zoomable, linked to the study view."""
