"""The report: an immutable model of the publication, rendered to HTML and PDF."""
