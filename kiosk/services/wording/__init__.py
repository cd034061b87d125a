"""Person-facing wording and plain language: content/ files, the glossary, jargon found in staff text, the checker."""
