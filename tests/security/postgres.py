from tests.postgres import postgres_socket, postgres_url, settings  # noqa: F401  (moved)
