"""What a person's record says, page by page: the record-page registry, the page builders, dates and what is new."""
