"""Evaluation helpers: corpus readers and metrics for the benchmarks."""
