"""Made-up record exports for demos, tests and benchmarks."""
