"""Timeline layout: dates to pixels, axis ticks, lanes, rows and clusters. Pure Python, no Qt:
the timeline view only draws what this package computes."""
