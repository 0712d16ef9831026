"""The population frame in the database: municipalities per frame year and their mergers."""
