"""The site: the Datasette plugin (plugin.py), the SQL behind its pages (pages.py), the
reader and charts that shape what they show, `quotes serve` (serve.py), its templates and
style sheet. Reads the database, never writes it, and never imports the engine."""
