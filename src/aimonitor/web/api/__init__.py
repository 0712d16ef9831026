"""The read-only JSON API of the published waves (django-ninja): waves, estimates, changes
and the codebook, with ETags, pagination and CSV beside JSON; OpenAPI 3 at /api/openapi.json."""
