"""Benchmarks: each script seeds its own data, times the real code paths and prints p50/p95
and SQL query counts; ``--smoke`` runs every measurement once on a few thousand rows."""
