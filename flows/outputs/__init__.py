"""Outputs: the week's report as data, its renderings (HTML, text, Markdown, charts), and the
channels that deliver them (email, Apprise, an Atom feed of changes, alerts)."""
