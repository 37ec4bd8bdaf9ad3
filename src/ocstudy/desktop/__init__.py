"""Fitting into a Linux desktop, without Qt: the launcher entry and icon, and the check for
the libraries Qt's xcb platform needs."""
