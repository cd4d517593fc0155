"""Email: composition, the transactional outbox and its SMTP worker, the development sink."""
