"""The Django project: settings (read from the environment by :mod:`.config`), URLs, WSGI."""
