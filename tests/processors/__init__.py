"""Tests of the figure and event extractor (processors/)."""
