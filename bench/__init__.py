"""Benchmarks of the matching engine on a seeded provincial-scale dataset (`make bench`)."""
