"""Staff tools: the audit trail, the manager dashboard and plain summaries."""
