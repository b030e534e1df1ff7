"""jdpillars: which of the Four Pillars of Marketing Operations a job posting really is."""

__version__ = "0.1.0"
