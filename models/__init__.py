"""The trained models shipped with jdpillars (built by `make train`)."""
