"""Plain Python services the UI talks to; they never import Qt."""
