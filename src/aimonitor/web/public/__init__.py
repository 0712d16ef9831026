"""Public pages: the start page with waves and response, the published reports."""
