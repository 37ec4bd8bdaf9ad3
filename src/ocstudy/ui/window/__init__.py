"""The main window: its views, menus, file actions, appearance and single instance."""
