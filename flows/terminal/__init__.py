"""The terminal: the command line, its tables and charts, and the feed list it edits."""
